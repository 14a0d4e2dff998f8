package org.realname.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

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
import org.realname.gateway.tls.ConfiguredSslContext;
import org.realname.gateway.tls.DualKeyManager;
import org.realname.gateway.tls.GmJsse;
import org.realname.gateway.tls.KeyEntry;
import org.realname.gateway.tls.Pem;
import org.realname.gateway.tls.TlsParameters;
import org.realname.gateway.tls.certs.DevTlsCertificates;
import org.realname.gateway.tls.certs.TlsFiles;

/**
 * GM TLS against standard TLS over loopback sockets: full handshakes per second
 * ({@code handshake}) and bulk throughput ({@code transfer}: one 16 KiB application write per
 * operation, MB/s = ops/s × 16384 / 10^6), each per {@code protocol} row. A row is a
 * {@link Row} in {@link #ROWS}: adding TLCP is one more entry whose factories build BGMProvider
 * contexts. Every handshake is a full one: each session is invalidated after its handshake, and
 * the fork also switches BCJSSE's client resumption and the JDK's session tickets off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.bouncycastle.jsse.client.enableSessionResumption=false",
    "-Djdk.tls.server.enableSessionTicketExtension=false", "-Djdk.tls.client.enableSessionTicketExtension=false"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class TlsHandshakeBenchmark {

    static final int CHUNK = 16 * 1024;
    private static final char[] PW = "changeit".toCharArray();

    /** One protocol to compare: how to build each side, given the development material. */
    public interface Row {
        /** The server context; accepted sockets are then passed to {@link #configureAccepted}. */
        SSLContext server(TlsFiles files) throws Exception;

        void configureAccepted(SSLSocket socket);

        /** The client context; its sockets must come out configured. */
        SSLContext client(TlsFiles files) throws Exception;
    }

    /** BCJSSE on both sides, as the gateway's listener and provider link use it. */
    static Row bcjsse(boolean sm2, String suite) {
        TlsParameters p = new TlsParameters(List.of("TLSv1.3"), List.of(suite));
        return new Row() {
            @Override
            public SSLContext server(TlsFiles f) throws Exception {
                KeyEntry key = sm2
                        ? KeyEntry.from(Pem.pkcs12(f.tlsSm2ServerP12(), PW), TlsFiles.SIGN, PW)
                        : KeyEntry.from(Pem.pkcs12(f.tlsEcdsaServerP12(), PW), TlsFiles.SERVER, PW);
                SSLContext c = SSLContext.getInstance("TLS", GmJsse.provider());
                c.init(new KeyManager[] {sm2 ? new DualKeyManager(key, null) : new DualKeyManager(null, key)}, null, null);
                return c;
            }

            @Override
            public void configureAccepted(SSLSocket socket) {
                ConfiguredSslContext.configure(socket, p);
            }

            @Override
            public SSLContext client(TlsFiles f) throws Exception {
                SSLContext c = SSLContext.getInstance("TLS", GmJsse.provider());
                c.init(null, GmJsse.trustManagers(Pem.trustStore(sm2 ? f.sm2CaPem() : f.ecdsaCaPem())), null);
                return ConfiguredSslContext.wrap(c, p);
            }
        };
    }

    /**
     * The JDK's own SunJSSE on both sides (AES through the JDK's intrinsics): not what the
     * gateway's listener runs, the reference for what standard TLS costs in this JVM.
     */
    static Row sunjsse(String suite) {
        return new Row() {
            @Override
            public SSLContext server(TlsFiles f) throws Exception {
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(f.tlsEcdsaServerP12())) {
                    ks.load(in, PW);
                }
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
                kmf.init(ks, PW);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(kmf.getKeyManagers(), null, null);
                return c;
            }

            @Override
            public void configureAccepted(SSLSocket socket) {
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                socket.setEnabledCipherSuites(new String[] {suite});
            }

            @Override
            public SSLContext client(TlsFiles f) throws Exception {
                java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                try (InputStream in = Files.newInputStream(f.ecdsaCaPem())) {
                    trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
                tmf.init(trust);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, tmf.getTrustManagers(), null);
                return c;
            }
        };
    }

    static final Map<String, Row> ROWS = Map.of(
            "tls13-aes128gcm-ecdsa", bcjsse(false, "TLS_AES_128_GCM_SHA256"),
            "tls13-sm4gcm-sm2", bcjsse(true, "TLS_SM4_GCM_SM3"),
            "tls13-aes128gcm-ecdsa-sunjsse", sunjsse("TLS_AES_128_GCM_SHA256"));

    @Param({"tls13-aes128gcm-ecdsa", "tls13-sm4gcm-sm2", "tls13-aes128gcm-ecdsa-sunjsse"})
    public String protocol;

    private ServerSocket listener;
    private SSLContext client;
    private SSLSocket stream;
    private OutputStream out;
    private final byte[] chunk = new byte[CHUNK];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("tls-bench");
        TlsFiles files = new TlsFiles(dir.resolve("tls"));
        new DevTlsCertificates(files.folder(), PW, List.of(), Clock.systemUTC()).ensure();
        Row row = ROWS.get(protocol);
        SSLContext server = row.server(files);
        client = row.client(files);
        listener = server.getServerSocketFactory().createServerSocket(0, 128, InetAddress.getLoopbackAddress());
        LoopbackTlsServer.start((SSLServerSocket) listener, row::configureAccepted);
        stream = connect();
        if (!stream.getSession().getCipherSuite().equals(expectedSuite())) {
            throw new IllegalStateException(protocol + " agreed " + stream.getSession().getCipherSuite());
        }
        out = stream.getOutputStream();
    }

    private String expectedSuite() {
        return protocol.contains("sm4") ? "TLS_SM4_GCM_SM3" : "TLS_AES_128_GCM_SHA256";
    }

    private SSLSocket connect() throws IOException {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", listener.getLocalPort());
        if (protocol.endsWith("sunjsse")) {
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            s.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        }
        // Without it Nagle's algorithm and delayed ACKs add ~40 ms waits to the handshake's
        // small flights and the figure measures the TCP stack, not TLS.
        s.setTcpNoDelay(true);
        s.startHandshake();
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stream.close();
        listener.close();
    }

    /** One full handshake (connect, handshake, close). */
    @Benchmark
    public String handshake() throws IOException {
        try (SSLSocket s = connect()) {
            // Never resumed: the next handshake must be a full one for every row.
            s.getSession().invalidate();
            return s.getSession().getCipherSuite();
        }
    }

    /** One 16 KiB application write on an established connection. */
    @Benchmark
    public void transfer() throws IOException {
        out.write(chunk);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new CommandLineOptions(args.length == 0
                ? new String[] {TlsHandshakeBenchmark.class.getName()} : args)).run();
    }
}
