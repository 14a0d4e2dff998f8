import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import org.openeuler.BGMProvider;

/**
 * TLCP (GM/T 0024, GB/T 38636) to the gateway's TLCP port with openEuler's BGMProvider, trusting
 * only its SM2 CA; then one HTTP request with the JDK's HttpClient.
 * Class path: org.openeuler bgmprovider, jca, jsse and commons 1.1.4 (nothing else). BGM reaches
 * into JDK internals: it needs the flags of "JVM flags and provider order". Run:
 * java --add-exports=java.base/jdk.internal.access=ALL-UNNAMED --add-exports=java.base/sun.security.action=ALL-UNNAMED \
 *      --add-exports=java.base/sun.security.provider.certpath=ALL-UNNAMED --add-exports=java.base/sun.net.util=ALL-UNNAMED \
 *      --add-exports=java.base/sun.security.pkcs=ALL-UNNAMED --add-opens=java.base/sun.security.util=ALL-UNNAMED \
 *      --add-opens=java.base/sun.security.x509=ALL-UNNAMED --add-opens=java.base/sun.security.pkcs12=ALL-UNNAMED \
 *      -cp bgmprovider-1.1.4.jar:jca-1.1.4.jar:jsse-1.1.4.jar:commons-1.1.4.jar \
 *      TlcpClient.java localhost 8444 data/tls/sm2-ca.pem ECC_SM4_GCM_SM3
 */
public class TlcpClient {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path caPem = Path.of(args[2]);
        String suite = args.length > 3 ? args[3] : "ECC_SM4_GCM_SM3"; // or ECC_SM4_CBC_SM3

        Provider bgm = new BGMProvider();
        // First, not last: BGM's handshake finds its algorithms through the global list, and the
        // JDK's X.509 parser (for the CA file and the server's chain) decodes an SM2 key's curve
        // with the first "EC" parameters, which only BGM's know ("Unknown named curve" otherwise).
        // Fine for a program of its own; a JVM that does other TLS too needs the gateway's narrower
        // order ("JVM flags and provider order").
        Security.insertProviderAt(bgm, 1);

        KeyStore trust = KeyStore.getInstance("PKCS12", bgm);
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("gateway-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", bgm);
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("GMTLS", bgm);
        context.init(null, tmf.getTrustManagers(), null);

        SSLParameters p = new SSLParameters(new String[] {suite}, new String[] {"GMTLS"});
        p.setEndpointIdentificationAlgorithm("HTTPS"); // check the host name
        HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(p)
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        SSLSession session = r.sslSession().orElseThrow();
        System.out.println(session.getProtocol() + " " + session.getCipherSuite() + " " + r.statusCode());
    }
}
