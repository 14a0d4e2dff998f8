package org.realname.gateway.tls.tlcp;

import java.nio.file.Path;

/** The test certificate fixture for the benchmark package: the layout under a folder it picks. */
public final class TlcpTestCertificatesAccess {

    private TlcpTestCertificatesAccess() {
    }

    public static void create(Path dir) {
        TlcpTestCertificates.create(dir, "Benchmark SM2 CA");
    }

    public static Path serverStore(Path dir) {
        return dir.resolve("tlcp-server.p12");
    }

    public static Path clientStore(Path dir) {
        return dir.resolve("tlcp-client.p12");
    }

    public static Path ca(Path dir) {
        return dir.resolve("sm2-ca.pem");
    }

    public static char[] password() {
        return TlcpTestCertificates.PASSWORD.toCharArray();
    }
}
