package org.realname.gateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.tls.certs.DevTlsCertificates;

/**
 * The listener's key material, loaded once: in the embedded default the development set is made
 * first when absent ({@code gateway.tls.generate-if-missing}). Asked for by the HTTPS customizer,
 * which Quarkus may call before any {@code StartupEvent} observer, hence lazy and synchronised.
 * Logs folder names only, never key material.
 */
@ApplicationScoped
public class TlsMaterial {

    private static final Logger LOG = Logger.getLogger(TlsMaterial.class);

    private final TlsConfig config;
    private ServerTls server;

    public TlsMaterial(TlsConfig config) {
        this.config = config;
    }

    /** The listener's TLS; throws when the files are missing, unreadable or the settings insecure. */
    public synchronized ServerTls server() {
        if (server == null) {
            List<String> problems = TlsPolicy.problems(config.protocols(), config.cipherSuites());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start the HTTPS listener: " + String.join("; ", problems));
            }
            try {
                ensureDevelopmentSet();
                server = ServerTls.load(config);
            } catch (IOException | GeneralSecurityException e) {
                // The message names the setting or file kind; the cause stays for the operator's log.
                throw new IllegalStateException("Refusing to start the HTTPS listener: cannot read its key material ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
        return server;
    }

    /** Makes the development set when configured to; a no-op when it is complete. */
    public synchronized void ensureDevelopmentSet() throws IOException, GeneralSecurityException {
        if (!config.generateIfMissing()) {
            return;
        }
        DevTlsCertificates certs = new DevTlsCertificates(config.dir(),
                config.keyStorePassword().orElse("").toCharArray(), config.serverNames().orElse(List.of()), Clock.systemUTC());
        try {
            if (certs.ensure()) {
                LOG.infof("Development TLS certificates written to %s", config.dir());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
