package org.realname.gateway.provider.sandbox;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.realname.gateway.provider.alipay.AlipayProvider;
import org.realname.gateway.provider.alipay.RequestSigner;
import org.realname.gateway.provider.alipay.ResponseVerifier;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The sandbox's {@code gateway.do}: {@code GET} and {@code POST}, query and form body merged.
 * Every answer is HTTP 200 with signed JSON, except a valid {@code certify} page request, which
 * is a 302 to the hosted face page. Requests may be signed {@code RSA2} or {@code SM2}; each is
 * verified with the registered app's key of that type and answered with the sandbox's own key of
 * the same type. Nothing here logs parameters: they carry names and ID numbers.
 */
@jakarta.annotation.security.PermitAll
@Path("/sandbox/gateway.do")
public final class SandboxGatewayResource {

    static final Set<String> METHODS = Set.of(AlipayProvider.INITIALIZE, AlipayProvider.CERTIFY, AlipayProvider.QUERY);
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final SandboxConfig config;
    private final SandboxKeyMaterial keyMaterial;
    private final SandboxService service;
    private final ObjectMapper mapper;
    private final SandboxResponseWriter writer = new SandboxResponseWriter();
    private final Clock clock = Clock.systemUTC();

    public SandboxGatewayResource(SandboxConfig config, SandboxKeyMaterial keyMaterial, SandboxService service,
            ObjectMapper mapper) {
        this.config = config;
        this.keyMaterial = keyMaterial;
        this.service = service;
        this.mapper = mapper;
    }

    @GET
    public Response get(@Context UriInfo uri) {
        return handle(SandboxParams.merge(uri.getRequestUri().getRawQuery(), null), uri);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@Context UriInfo uri, @Context HttpHeaders headers, String body) {
        MediaType type = headers.getMediaType();
        boolean form = type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        return handle(SandboxParams.merge(uri.getRequestUri().getRawQuery(), form ? body : null), uri);
    }

    private Response handle(Map<String, String> params, UriInfo uri) {
        if (!config.enabled()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Instant now = clock.instant();
        String method = params.get("method");
        String root = method != null && METHODS.contains(method) ? ResponseVerifier.rootNode(method) : ResponseVerifier.ERROR_RESPONSE;
        SandboxKeyMaterial.Keys keys = keyMaterial.keys();
        // Answers are signed like the request; one with a missing or unknown sign_type (legacy RSA
        // included) gets RSA2, the protocol's default, so that even that refusal is signed.
        SignType answerType = SignType.fromProtocol(params.get("sign_type")).orElse(SignType.RSA2);
        Signing signing = new Signing(answerType, keys.providerPrivateKey(answerType));
        Optional<SandboxReply> refused = new SandboxRequestCheck(config.appId(), keys.appPublicKeys(),
                config.timestampSkew(), METHODS).check(params, now);
        if (refused.isPresent()) {
            return answer(root, refused.get(), signing);
        }
        JsonNode biz = parseBiz(params.get(RequestSigner.BIZ_CONTENT));
        if (biz == null) {
            return answer(root, SandboxReply.invalid("isv.invalid-parameter", "biz_content 无效"), signing);
        }
        String appId = params.get("app_id");
        return switch (method) {
            case AlipayProvider.INITIALIZE -> answer(root, service.initialize(appId, biz, now), signing);
            case AlipayProvider.QUERY -> answer(root, service.query(appId, biz, now), signing);
            default -> certify(root, service.certify(appId, biz, now), uri, signing);
        };
    }

    private Response certify(String root, SandboxService.CertifyAnswer answer, UriInfo uri, Signing signing) {
        if (answer.error() != null) {
            return answer(root, answer.error(), signing);
        }
        // Resolved against this request, so the browser stays on the host it used to reach the sandbox.
        URI face = uri.getRequestUri().resolve("face?certify_id=" + answer.certifyId());
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, face.toString()).build();
    }

    private Response answer(String root, SandboxReply reply, Signing signing) {
        stall(reply.delay());
        return Response.ok(writer.write(root, reply, signing.type(), signing.key()), JSON_UTF8).build();
    }

    private JsonNode parseBiz(String bizContent) {
        if (bizContent == null || bizContent.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(bizContent);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The slow test behaviour; runs on a worker thread, outside any transaction. */
    private static void stall(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sandbox's own key of the type its answer is signed with; never logged. */
    private record Signing(SignType type, PrivateKey key) {
        @Override
        public String toString() {
            return "Signing[" + type + "]";
        }
    }
}
