package org.realname.gateway.provider.sandbox;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The sandbox's hosted face-capture page: shows the masked name and a Pass and a Fail button;
 * the submission records the outcome and sends the browser to the stored {@code return_url} with
 * nothing appended, as the real provider does.
 */
@jakarta.annotation.security.PermitAll
@Path("/sandbox/face")
public final class SandboxFaceResource {

    private static final MediaType HTML_UTF8 = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private final SandboxConfig config;
    private final SandboxService service;
    private final Clock clock = Clock.systemUTC();

    public SandboxFaceResource(SandboxConfig config, SandboxService service) {
        this.config = config;
        this.service = service;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance face(SandboxService.FacePage page);

        static native TemplateInstance notFound();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("certify_id") String certifyId) {
        if (!config.enabled()) {
            return notFound();
        }
        Optional<SandboxService.FacePage> page = service.facePage(certifyId);
        if (page.isEmpty()) {
            return notFound();
        }
        return Response.ok(Templates.face(page.get()).render(), HTML_UTF8)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@FormParam("certify_id") String certifyId, @FormParam("outcome") String outcome) {
        if (!config.enabled()) {
            return notFound();
        }
        if (!"pass".equals(outcome) && !"fail".equals(outcome)) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        return service.finish(certifyId, "pass".equals(outcome), clock.instant())
                .map(returnUrl -> Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, returnUrl).build())
                .orElseGet(this::notFound);
    }

    private Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound().render()).type(HTML_UTF8).build();
    }
}
