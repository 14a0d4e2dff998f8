package org.realname.gateway.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

/** Cross-cutting request handling: the body size limit, the request id header, no caching of personal pages. */
public class RequestFilters {

    private final RequestId requestId;
    private final long maxBodyBytes;

    public RequestFilters(RequestId requestId, WebConfig config) {
        this.requestId = requestId;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    /** Refuses oversized bodies before they are read; the socket-level limit stays as a hard cap for chunked bodies. */
    @ServerRequestFilter(preMatching = true)
    public void limitBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "Content-Length is not a number");
            }
            if (n > maxBodyBytes) {
                throw new GatewayException(ErrorCode.BODY_TOO_LARGE, "The body may have at most " + maxBodyBytes + " bytes");
            }
        }
    }

    @ServerResponseFilter
    public void decorate(ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Request-Id", requestId.value());
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
    }
}
