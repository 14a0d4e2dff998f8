package org.realname.gateway.auditor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list, in its stable order, and the cursor of the next one ({@code null} on the
 * last page). Pass {@code next} back as {@code after} to continue.
 */
public record Page<T>(@JsonProperty("items") List<T> items, @JsonProperty("next") String next) {
}
