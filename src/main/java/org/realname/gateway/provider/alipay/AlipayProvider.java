package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.provider.FaceVerificationProvider;
import org.realname.gateway.provider.ProviderException;
import org.realname.gateway.provider.ProviderOutcome;
import org.realname.gateway.provider.StartedVerification;
import org.realname.gateway.provider.VerificationStart;
import org.realname.gateway.tls.LinkTls;
import org.realname.gateway.tls.LinkTlsMode;
import org.realname.gateway.tls.tlcp.TlcpClientContexts;

/**
 * The Alipay-style provider ({@code alipay.user.certify.open.*}): {@code initialize} on the
 * server, {@code certify} as a signed page URL for the browser, {@code query} on the server.
 *
 * <p>Guarantees: the name and ID number go only into the signed {@code initialize} request and
 * are never logged; no face picture is ever sent and {@code face_reserve_strategy} is
 * {@code never}; {@code identity_info} and {@code material_info} from {@code query} are dropped
 * unread; every answer's signature is checked before its content is used.
 *
 * <p>Keys are read on first use, not at start: in the embedded default the sandbox creates them,
 * possibly after this bean exists.
 */
@ApplicationScoped
public final class AlipayProvider implements FaceVerificationProvider {

    public static final String ID = "alipay";
    public static final String INITIALIZE = "alipay.user.certify.open.initialize";
    public static final String CERTIFY = "alipay.user.certify.open.certify";
    public static final String QUERY = "alipay.user.certify.open.query";

    private static final Logger LOG = Logger.getLogger(AlipayProvider.class);
    /** The protocol promises at most 32 characters; the session column takes 64. */
    static final java.util.regex.Pattern CERTIFY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AlipayConfig config;
    private final ObjectMapper mapper;
    private final AlipayGatewayClient client;
    private final Clock clock;
    /** Signer and verifier once the keys are loaded; a failed load is retried on the next call. */
    private volatile Crypto crypto;

    public AlipayProvider(AlipayConfig config, ObjectMapper mapper, TlcpClientContexts tlcp) {
        this.config = config;
        this.mapper = mapper;
        this.client = new AlipayGatewayClient(config.endpoint(), config.connectTimeout(), config.readTimeout(),
                config.maxResponseBytes(), linkTls(config.tls(), tlcp));
        this.clock = Clock.systemUTC();
    }

    /**
     * The link's TLS; a GM mode with a missing or unreadable trust anchor stops the bean (and the
     * start). TLCP comes from BGMProvider ({@link TlcpClientContexts}, keys
     * {@code gateway.provider.alipay.tls.tlcp.*}), TLS 1.3-SM from BouncyCastle JSSE.
     */
    static java.util.Optional<LinkTls> linkTls(AlipayConfig.Tls tls, TlcpClientContexts tlcp) {
        if (tls.mode() == LinkTlsMode.TLCP) {
            TlcpClientContexts.Link link = tlcp.link();
            return java.util.Optional.of(new LinkTls(link.context(), link.parameters()));
        }
        try {
            return LinkTls.create(tls.mode(), tls.trustAnchor(), tls.keyStore(),
                    tls.keyStorePassword().orElse("").toCharArray(), tls.cipherSuites());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the provider link's TLS (gateway.provider.alipay.tls.*): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StartedVerification start(VerificationStart request) {
        Crypto c = crypto();
        AlipayResponse response = client.call(c.signer().sign(INITIALIZE, initializeContent(request)), c.verifier());
        if (QueryOutcomes.UNAVAILABLE.equals(response.code())) {
            // 20000 is an outage at the provider, not a verdict on this request: it may trip the breaker.
            LOG.infof("Provider initialize unavailable: %s", response.providerCode());
            throw ProviderException.unavailable(response.providerCode(), null);
        }
        if (!response.isSuccess()) {
            LOG.infof("Provider initialize refused: %s", response.providerCode());
            throw ProviderException.refused(response.providerCode());
        }
        String certifyId = response.text("certify_id")
                .orElseThrow(() -> ProviderException.refused(response.providerCode() + "/certify_id-missing"));
        if (!CERTIFY_ID.matcher(certifyId).matches()) {
            // Stored as the session's reference (64 characters at most) and put in the page URL:
            // anything but a short identifier is refused rather than failing at the database.
            throw ProviderException.refused(response.providerCode() + "/certify_id-invalid");
        }
        return new StartedVerification(certifyId, client.pageUrl(c.signer().sign(CERTIFY, certifyContent(certifyId))));
    }

    /**
     * Real Alipay runs the capture only inside its app: outside it, the certify page URL is
     * wrapped in the app's scheme ({@code appId=20000067} is the app's web container).
     */
    @Override
    public java.util.Optional<java.net.URI> appLink(java.net.URI redirectUrl) {
        return java.util.Optional.of(appLinkFor(redirectUrl));
    }

    static java.net.URI appLinkFor(java.net.URI redirectUrl) {
        return java.net.URI.create("alipays://platformapi/startapp?appId=20000067&url="
                + java.net.URLEncoder.encode(redirectUrl.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public ProviderOutcome fetchOutcome(String providerReference) {
        Crypto c = crypto();
        AlipayResponse response = client.call(c.signer().sign(QUERY, certifyContent(providerReference)), c.verifier());
        return QueryOutcomes.map(response);
    }

    /** The {@code initialize} {@code biz_content}; carries personal data, so it is never logged. */
    String initializeContent(VerificationStart request) {
        ObjectNode content = mapper.createObjectNode();
        content.put("outer_order_no", request.orderNumber());
        content.put("biz_code", config.bizCode());
        ObjectNode identity = content.putObject("identity_param");
        identity.put("identity_type", "CERT_INFO");
        identity.put("cert_type", "IDENTITY_CARD");
        identity.put("cert_name", request.name().reveal());
        identity.put("cert_no", request.idNumber().reveal());
        ObjectNode merchant = content.putObject("merchant_config");
        merchant.put("return_url", request.returnUrl().toString());
        merchant.put("face_reserve_strategy", "never");
        return write(content);
    }

    private String certifyContent(String certifyId) {
        return write(mapper.createObjectNode().put("certify_id", certifyId));
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write biz_content", e); // cannot happen for an ObjectNode
        }
    }

    private Crypto crypto() {
        Crypto c = crypto;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (crypto == null) {
                try {
                    AlipayKeys keys = AlipayKeys.load(config);
                    crypto = new Crypto(new RequestSigner(config.appId(), config.signType(), keys.appPrivateKey(), clock),
                            new ResponseVerifier(config.signType(), keys.providerPublicKey(), mapper));
                } catch (IOException e) {
                    LOG.errorf("Provider keys could not be loaded: %s", e.getMessage()); // paths only, no key bytes
                    throw new ProviderException(ErrorCode.INTERNAL, "client-keys",
                            "The verification provider client is not configured (client-keys)", e);
                }
            }
            return crypto;
        }
    }

    private record Crypto(RequestSigner signer, ResponseVerifier verifier) {
    }
}
