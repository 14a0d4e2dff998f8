package org.realname.gateway.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.result.RealNameView;
import org.realname.gateway.session.BrowserFlowService;

/** Type-checked Qute pages ({@code templates/Pages/*.html}). */
@CheckedTemplate(basePath = "Pages")
public final class Pages {

    private Pages() {
    }

    public static native TemplateInstance error(ErrorCode code, String detail, String requestId);

    /** @param rulesChanged whether the form just posted showed older rules than those in force */
    public static native TemplateInstance consent(BrowserFlowService.ConsentView view, boolean rulesChanged);

    public static native TemplateInstance demo(boolean enabled);

    /** @param qrSvg inline SVG of the app link (rendered raw: produced by {@link QrCodeSvg}, no user input) */
    public static native TemplateInstance handoff(String providerPage, String appLink, String qrSvg);

    public static native TemplateInstance demoResult(String verificationId, String status, RealNameView realName);
}
