package org.realname.gateway.tls.tlcp;

import java.net.http.HttpClient;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * The {@code tlcp} mode of the provider link: a BGM {@code GMTLS} client context that trusts only
 * the configured SM2 anchors, with parameters that offer TLCP only, the configured suites only,
 * and check the host name ({@code HTTPS} endpoint identification).
 *
 * <p>Host names: a BGM client sees the server's <em>encryption</em> certificate as the peer's first
 * certificate (docs/gm-tls.md), so that certificate must name the host too.
 *
 * <p>Built once, at start when the mode is {@code tlcp} (so bad settings stop the gateway rather than
 * the first verification), else on first use.
 */
@ApplicationScoped
public class TlcpClientContexts {

    /** The value of {@code gateway.provider.alipay.tls.mode} that selects this context. */
    public static final String MODE = "tlcp";

    private final TlcpClientConfig config;
    private final String mode;
    private volatile Link link;

    /** The context and the parameters every connection made from it must use. */
    public record Link(SSLContext context, SSLParameters parameters) {
    }

    public TlcpClientContexts(TlcpClientConfig config, ProviderTlsMode mode) {
        this.config = config;
        this.mode = mode.mode();
    }

    void onStart(@Observes StartupEvent event) {
        if (active()) {
            link();
        }
    }

    /** Whether the provider link is configured for TLCP. */
    public boolean active() {
        return MODE.equals(mode);
    }

    /** The TLCP context and parameters, built on first use. */
    public Link link() {
        Link current = link;
        if (current == null) {
            synchronized (this) {
                if (link == null) {
                    link = build(config);
                }
                current = link;
            }
        }
        return current;
    }

    /** Sets the TLCP context and parameters on a JDK client builder, and HTTP/1.1 (TLCP has no ALPN). */
    public HttpClient.Builder configure(HttpClient.Builder builder) {
        Link l = link();
        return builder.sslContext(l.context()).sslParameters(l.parameters()).version(HttpClient.Version.HTTP_1_1);
    }

    static Link build(TlcpClientConfig config) {
        List<String> problems = TlcpClientConfig.problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing the TLCP provider link: " + String.join("; ", problems));
        }
        KeyManager[] keyManagers = null;
        if (config.keyStore().isPresent()) {
            char[] password = config.keyStorePassword().orElseThrow().toCharArray();
            KeyStore store = TlcpKeyMaterial.keyStore(config.keyStore().get(), password);
            keyManagers = TlcpKeyMaterial.keyManagers(store, password);
        }
        SSLContext context = TlcpContexts.context(keyManagers, TlcpKeyMaterial.trustManagers(config.trustAnchor().orElseThrow()));
        SSLParameters parameters = TlcpContexts.parameters(config.cipherSuites());
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return new Link(context, parameters);
    }
}
