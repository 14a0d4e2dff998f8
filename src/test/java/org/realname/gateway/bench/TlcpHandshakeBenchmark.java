package org.realname.gateway.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.realname.gateway.tls.tlcp.TlcpCipherSuites;
import org.realname.gateway.tls.tlcp.TlcpContexts;
import org.realname.gateway.tls.tlcp.TlcpKeyMaterial;
import org.realname.gateway.tls.tlcp.TlcpTestCertificatesAccess;

/**
 * TLCP (BGMProvider) against the JDK's own TLS 1.3 over loopback sockets, same shape as branch
 * tls13's {@code TlsHandshakeBenchmark} (a {@link Row} per protocol) so its rows can move there:
 * full handshakes per second ({@code handshake}; the session is invalidated so the next one cannot
 * resume) and bulk throughput ({@code transfer}: one 16 KiB write per operation, MB/s = ops/s ×
 * 16384 / 10^6). The forked JVM gets BGM's flags itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.access=ALL-UNNAMED", "--add-exports=java.base/sun.security.action=ALL-UNNAMED",
    "--add-exports=java.base/sun.security.provider.certpath=ALL-UNNAMED", "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.security.pkcs=ALL-UNNAMED", "--add-opens=java.base/sun.security.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.x509=ALL-UNNAMED", "--add-opens=java.base/sun.security.pkcs12=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class TlcpHandshakeBenchmark {

    static final int CHUNK = 16 * 1024;

    /** One protocol to compare. */
    public interface Row {
        SSLContext server(Path dir) throws Exception;

        void configureAccepted(SSLSocket socket);

        SSLContext client(Path dir) throws Exception;

        void configureClient(SSLSocket socket);
    }

    /** BGM on both sides; {@code mutual}: client certificates required and presented (ECDHE needs them). */
    static Row tlcp(String suite, boolean mutual) {
        SSLParameters parameters = TlcpContexts.parameters(List.of(suite));
        return new Row() {
            @Override
            public SSLContext server(Path dir) {
                char[] pw = TlcpTestCertificatesAccess.password();
                KeyStore store = TlcpKeyMaterial.keyStore(TlcpTestCertificatesAccess.serverStore(dir), pw);
                return TlcpContexts.context(TlcpKeyMaterial.keyManagers(store, pw), TlcpKeyMaterial.trustManagers(TlcpTestCertificatesAccess.ca(dir)));
            }

            @Override
            public void configureAccepted(SSLSocket socket) {
                socket.setSSLParameters(parameters);
                socket.setNeedClientAuth(mutual);
            }

            @Override
            public SSLContext client(Path dir) {
                char[] pw = TlcpTestCertificatesAccess.password();
                return TlcpContexts.context(mutual ? TlcpKeyMaterial.keyManagers(
                        TlcpKeyMaterial.keyStore(TlcpTestCertificatesAccess.clientStore(dir), pw), pw) : null,
                        TlcpKeyMaterial.trustManagers(TlcpTestCertificatesAccess.ca(dir)));
            }

            @Override
            public void configureClient(SSLSocket socket) {
                socket.setSSLParameters(parameters);
            }
        };
    }

    /** The JDK's own TLS 1.3 (SunJSSE, AES-NI) with an ECDSA P-256 certificate, as the baseline. */
    static Row jdkTls13() {
        SSLParameters parameters = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        return new Row() {
            KeyStore keys;

            @Override
            public SSLContext server(Path dir) throws Exception {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                X500Name name = new X500Name("CN=localhost");
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                        BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86400)),
                        name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
                keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("server", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
                kmf.init(keys, "pw".toCharArray());
                SSLContext c = SSLContext.getInstance("TLSv1.3");
                c.init(kmf.getKeyManagers(), null, null);
                return c;
            }

            @Override
            public void configureAccepted(SSLSocket socket) {
                socket.setSSLParameters(parameters);
            }

            @Override
            public SSLContext client(Path dir) throws Exception {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("server", keys.getCertificate("server"));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(trust);
                SSLContext c = SSLContext.getInstance("TLSv1.3");
                c.init(null, tmf.getTrustManagers(), null);
                return c;
            }

            @Override
            public void configureClient(SSLSocket socket) {
                socket.setSSLParameters(parameters);
            }
        };
    }

    static final Map<String, Row> ROWS = Map.of(
            "jdk-tls13-aes128gcm-ecdsa", jdkTls13(),
            "tlcp-ecc-sm4gcm-sm3", tlcp(TlcpCipherSuites.ECC_SM4_GCM_SM3, false),
            "tlcp-ecc-sm4cbc-sm3", tlcp(TlcpCipherSuites.ECC_SM4_CBC_SM3, false),
            "tlcp-ecdhe-sm4gcm-sm3", tlcp(TlcpCipherSuites.ECDHE_SM4_GCM_SM3, true));

    @Param({"jdk-tls13-aes128gcm-ecdsa", "tlcp-ecc-sm4gcm-sm3", "tlcp-ecc-sm4cbc-sm3", "tlcp-ecdhe-sm4gcm-sm3"})
    public String protocol;

    private Row row;
    private ServerSocket listener;
    private SSLContext client;
    private SSLSocket stream;
    private OutputStream out;
    private final byte[] chunk = new byte[CHUNK];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("tlcp-bench");
        TlcpTestCertificatesAccess.create(dir);
        row = ROWS.get(protocol);
        SSLContext server = row.server(dir);
        client = row.client(dir);
        listener = server.getServerSocketFactory().createServerSocket(0, 128, InetAddress.getLoopbackAddress());
        LoopbackTlsServer.start((SSLServerSocket) listener, row::configureAccepted);
        stream = connect();
        out = stream.getOutputStream();
    }

    private SSLSocket connect() throws IOException {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", listener.getLocalPort());
        // Without it Nagle and delayed ACKs add ~40 ms to every flight on loopback and hide the crypto.
        s.setTcpNoDelay(true);
        row.configureClient(s);
        s.startHandshake();
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stream.close();
        listener.close();
    }

    /** One full handshake (connect, handshake, close); the session is dropped so none is resumed. */
    @Benchmark
    public String handshake() throws IOException {
        try (SSLSocket s = connect()) {
            String suite = s.getSession().getCipherSuite();
            s.getSession().invalidate();
            return suite;
        }
    }

    /** One 16 KiB application write on an established connection. */
    @Benchmark
    public void transfer() throws IOException {
        out.write(chunk);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new CommandLineOptions(args.length == 0
                ? new String[] {TlcpHandshakeBenchmark.class.getName()} : args)).run();
    }
}
