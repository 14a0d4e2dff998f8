package org.realname.gateway.auditor.console;

import java.util.List;

import org.realname.gateway.auditor.EventRow;
import org.realname.gateway.auditor.ResultRow;

/**
 * What a console page shows: the current filters (echoed into the form), one page of rows, and
 * the links to the next page and to the exports (built from the same filters; account ids are
 * identifiers, and no name or ID number is ever a filter).
 */
public record ConsoleView(String auditor, boolean results, ConsoleQuery query, List<EventRow> events,
        List<ResultRow> resultRows, String nextUrl, String csvUrl, String jsonlUrl) {
}
