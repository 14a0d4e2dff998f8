package org.realname.gateway.auditor;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The HTTP form of an export: a download that no cache keeps. */
public final class Exports {

    private Exports() {
    }

    public static Response response(StreamingOutput body, ExportFormat format, String name) {
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_TYPE, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
