package org.realname.gateway.web;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.realname.gateway.metrics.GatewayMetrics;

/**
 * Times each step of the verification flow ({@code gateway_flow_step_seconds}): the step is named
 * from the method and the path's shape, never from its values, so no id reaches a label.
 */
public class StepTimingFilter {

    private static final String STARTED = StepTimingFilter.class.getName() + ".started";
    private static final Pattern ID = Pattern.compile("[^/]+");
    private static final Pattern VERIFICATION = Pattern.compile("/api/v1/verifications/[^/]+");
    private static final Pattern LINK = Pattern.compile("/v/[^/]+");
    private static final Pattern PAGE = Pattern.compile("/verify/[^/]+");
    private static final Pattern REAL_NAME = Pattern.compile("/api/v1/accounts/[^/]+/real-name");

    private final GatewayMetrics metrics;

    public StepTimingFilter(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        String step = stepOf(request.getMethod(), request.getUriInfo().getPath());
        if (step == null || !(started instanceof Long t0)) {
            return;
        }
        metrics.step(step, (response.getStatus() / 100) + "xx", Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The step a request is, or null when it is none of the flow's. */
    static String stepOf(String method, String path) {
        if (path == null) {
            return null;
        }
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        if (post && "/api/v1/verifications".equals(path)) {
            return "create";
        }
        if (get && VERIFICATION.matcher(path).matches()) {
            return "status";
        }
        if (get && REAL_NAME.matcher(path).matches()) {
            return "real_name";
        }
        if (get && LINK.matcher(path).matches()) {
            return "link";
        }
        if (get && PAGE.matcher(path).matches()) {
            return "consent_page";
        }
        if (path.startsWith("/verify/")) {
            String rest = path.substring("/verify/".length());
            int slash = rest.indexOf('/');
            if (slash > 0 && ID.matcher(rest.substring(0, slash)).matches()) {
                String tail = rest.substring(slash);
                if (post && "/consent".equals(tail)) {
                    return "consent";
                }
                if (get && "/handoff".equals(tail)) {
                    return "handoff";
                }
                if (get && "/return".equals(tail)) {
                    return "return";
                }
            }
        }
        return null;
    }
}
