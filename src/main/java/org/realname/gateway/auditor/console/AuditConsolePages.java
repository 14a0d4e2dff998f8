package org.realname.gateway.auditor.console;

import org.realname.gateway.audit.AuditChainVerifier;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Type-checked Qute pages of the auditor console ({@code templates/AuditConsole/*.html}). */
@CheckedTemplate(basePath = "AuditConsole")
final class AuditConsolePages {

    private AuditConsolePages() {
    }

    /** @param devIssuer whether the embedded default's development token issuer is on (a hint how to get a token) */
    static native TemplateInstance signIn(boolean devIssuer);

    static native TemplateInstance browse(ConsoleView view);

    static native TemplateInstance verified(String auditor, AuditChainVerifier.Report report);
}
