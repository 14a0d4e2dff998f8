package org.realname.gateway.tls.tlcp;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.realname.gateway.tls.TlsMaterial;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;

/**
 * The TLCP port: a second Vert.x HTTP server, started after Quarkus's own, whose request handler is
 * the application's router, so every route, the security checks (bearer tokens, {@code @RolesAllowed})
 * and the single problem mapper behave exactly as on the main port. Its TLS engines come from BGM's
 * {@code GMTLS} context (protocol {@code GMTLS} only, the configured suites only); HTTP/1.1 only,
 * because ALPN and HTTP/2 are not defined for TLCP and the JDK client drops {@code ...v1.1}
 * protocol names on HTTP/2.
 *
 * <p>Fails closed: when enabled with unusable settings or an unfit key store it refuses to start
 * the gateway with a message naming the problem.
 */
@ApplicationScoped
public class TlcpListener {

    private static final Logger LOG = Logger.getLogger(TlcpListener.class);
    private static final long WAIT_SECONDS = 30;

    private final TlcpConfig config;
    /** Makes the embedded default's development certificates first, when configured to. */
    private final java.util.concurrent.Callable<?> prepareMaterial;
    private final Vertx vertx;
    private volatile Router router;
    private volatile HttpServer server;

    private final Duration idleTimeout;

    @jakarta.inject.Inject
    public TlcpListener(TlcpConfig config, TlsMaterial material, Vertx vertx,
            @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M") Duration idleTimeout) {
        this(config, () -> {
            material.ensureDevelopmentSet();
            return null;
        }, vertx, idleTimeout);
    }

    /** For tests that bring their own key store. */
    TlcpListener(TlcpConfig config, Vertx vertx, Duration idleTimeout) {
        this(config, () -> null, vertx, idleTimeout);
    }

    private TlcpListener(TlcpConfig config, java.util.concurrent.Callable<?> prepareMaterial, Vertx vertx, Duration idleTimeout) {
        this.config = config;
        this.prepareMaterial = prepareMaterial;
        this.vertx = vertx;
        this.idleTimeout = idleTimeout;
    }

    /** Quarkus hands the application router to observers while it builds it, before start. */
    void captureRouter(@Observes Router router) {
        this.router = router;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        List<String> problems = TlcpConfig.problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start the TLCP listener: " + String.join("; ", problems));
        }
        if (router == null) {
            throw new IllegalStateException("Refusing to start the TLCP listener: the application router was not built");
        }
        // The embedded default's development set (tlcp-server.p12 among it) is made on first start.
        prepareMaterial.call();
        char[] password = config.keyStorePassword().orElseThrow().toCharArray();
        KeyStore store = TlcpKeyMaterial.keyStore(config.keyStore().orElseThrow(), password);
        KeyManager[] keyManagers = TlcpKeyMaterial.keyManagers(store, password);
        TrustManager[] trustManagers = config.trustAnchor().map(TlcpKeyMaterial::trustManagers).orElse(null);
        SSLContext context = TlcpContexts.context(keyManagers, trustManagers);

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setSsl(true)
                .setUseAlpn(false)
                // As the main port: idle connections are closed (Vert.x's own default is never).
                .setIdleTimeout((int) idleTimeout.toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setAlpnVersions(List.of(HttpVersion.HTTP_1_1))
                // Vert.x insists on key material when ssl is on; the engines use the BGM context's own.
                .setKeyCertOptions(KeyCertOptions.wrap((X509KeyManager) keyManagers[0]))
                .setEnabledSecureTransportProtocols(Set.of(TlcpProviders.PROTOCOL))
                .setClientAuth(vertxClientAuth())
                .setSslEngineOptions(new TlcpSslEngineOptions(context, config.cipherSuites(), nettyClientAuth()));
        server = vertx.createHttpServer(options).requestHandler(router)
                .listen().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        LOG.infof("TLCP (GMTLS) listener on %s:%d, suites %s, client-auth %s", config.host(), server.actualPort(),
                config.cipherSuites(), config.clientAuth().name().toLowerCase(Locale.ROOT));
    }

    void onStop(@Observes ShutdownEvent event) throws Exception {
        HttpServer running = server;
        if (running != null) {
            server = null;
            running.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            LOG.info("TLCP listener closed");
        }
    }

    /** The port actually bound, or -1 when not listening. */
    public int port() {
        HttpServer running = server;
        return running == null ? -1 : running.actualPort();
    }

    private io.vertx.core.http.ClientAuth vertxClientAuth() {
        return switch (config.clientAuth()) {
            case NONE -> io.vertx.core.http.ClientAuth.NONE;
            case REQUEST -> io.vertx.core.http.ClientAuth.REQUEST;
            case REQUIRED -> io.vertx.core.http.ClientAuth.REQUIRED;
        };
    }

    private io.netty.handler.ssl.ClientAuth nettyClientAuth() {
        return switch (config.clientAuth()) {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case REQUEST -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        };
    }
}
