import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS 1.3 with a ShangMi suite to the gateway, trusting only its SM2 CA; then one HTTP request.
 * Class path: bcprov, bcutil and bctls -jdk18on 1.84. Run:
 * java -cp bcprov-jdk18on-1.84.jar:bcutil-jdk18on-1.84.jar:bctls-jdk18on-1.84.jar GmTlsClient.java localhost 8443 data/tls/sm2-ca.pem TLS_SM4_GCM_SM3
 */
public class GmTlsClient {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path caPem = Path.of(args[2]);
        String suite = args.length > 3 ? args[3] : "TLS_SM4_GCM_SM3"; // or TLS_SM4_CCM_SM3

        Provider bc = new BouncyCastleProvider();
        // Registered (last, so no JDK default changes): a certificate names its signature
        // algorithm by looking it up among the installed providers, and unregistered, an SM2
        // chain's "SM3withSM2" stays a bare OID that the JSSE's algorithm check refuses.
        Security.addProvider(bc);
        Provider jsse = new BouncyCastleJsseProvider(bc);

        KeyStore trust = KeyStore.getInstance("PKCS12", bc);
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("gateway-ca", CertificateFactory.getInstance("X.509", bc).generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", jsse);
        context.init(null, tmf.getTrustManagers(), null);

        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
            BCSSLParameters p = ((BCSSLSocket) socket).getParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            p.setCipherSuites(new String[] {suite});
            p.setNamedGroups(new String[] {"curveSM2"});
            p.setSignatureSchemes(new String[] {"sm2sig_sm3"});
            p.setSignatureSchemesCert(new String[] {"sm2sig_sm3"}); // the chain is SM3withSM2 too
            p.setEndpointIdentificationAlgorithm("HTTPS");           // check the host name
            ((BCSSLSocket) socket).setParameters(p);
            socket.startHandshake();

            OutputStream out = socket.getOutputStream();
            out.write(("GET /q/health/live HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            System.out.println(socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite() + " " + status);
        }
    }
}
