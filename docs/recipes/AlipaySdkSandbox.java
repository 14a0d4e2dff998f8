import java.nio.file.Files;
import java.nio.file.Path;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayUserCertifyOpenCertifyRequest;
import com.alipay.api.request.AlipayUserCertifyOpenInitializeRequest;
import com.alipay.api.response.AlipayUserCertifyOpenInitializeResponse;

/**
 * The official Alipay SDK against the gateway's built-in sandbox: start a face verification and
 * get the page to open. Class path: alipay-sdk-java 4.40.0.ALL with its dependencies (fastjson,
 * dom4j, xml-apis, okhttp, okio), bcprov-jdk18on 1.84 instead of the bcprov-jdk15on it declares,
 * and the Commons Logging API it logs through (commons-logging, or commons-logging-jboss-logging
 * with jboss-logging).
 * Run: java -cp ... AlipaySdkSandbox.java http://localhost:8080 data/sandbox-keys RSA2
 */
public class AlipaySdkSandbox {

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        Path keys = Path.of(args[1]);
        String signType = args.length > 2 ? args[2] : "RSA2"; // or SM2: the SM2 key files then
        AlipayLogger.setNeedEnableLogger(false);              // the SDK logs every call's parameters, personal data included

        String appKey = pemBody(keys.resolve("app-" + signType + "-private-key.pem"));
        String sandboxKey = pemBody(keys.resolve("provider-" + signType + "-public-key.pem"));
        AlipayClient client = new DefaultAlipayClient(gateway + "/sandbox/gateway.do",
                "2021000000000001", appKey, "json", "UTF-8", sandboxKey, signType);

        AlipayUserCertifyOpenInitializeRequest init = new AlipayUserCertifyOpenInitializeRequest();
        init.setBizContent("{\"outer_order_no\":\"order" + System.nanoTime() + "\",\"biz_code\":\"FACE\",\"identity_param\":{"
                + "\"identity_type\":\"CERT_INFO\",\"cert_type\":\"IDENTITY_CARD\",\"cert_name\":\"张三\","
                + "\"cert_no\":\"11010519491231002X\"},\"merchant_config\":{\"return_url\":\"http://localhost:3000/back\"}}");
        AlipayUserCertifyOpenInitializeResponse started = client.execute(init);
        if (!started.isSuccess()) {
            throw new IllegalStateException("initialize refused: " + started.getCode() + " " + started.getSubCode());
        }
        String certifyId = started.getCertifyId();

        AlipayUserCertifyOpenCertifyRequest certify = new AlipayUserCertifyOpenCertifyRequest();
        certify.setBizContent("{\"certify_id\":\"" + certifyId + "\"}");
        String url = client.pageExecute(certify, "GET").getBody(); // open in a browser
        System.out.println("certify_id=" + certifyId);
        System.out.println("url=" + url);
    }

    /** The SDK wants bare base64 DER: the PEM without its BEGIN/END lines, joined. */
    static String pemBody(Path pem) throws Exception {
        return Files.readAllLines(pem).stream().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    }
}
