package org.realname.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.security.Key;
import java.security.PublicKey;

import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.SecretKeyAccess;

import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/architecture.md, checked on the main classes. A dependency runs only
 * downward: web, features, domain services, infrastructure, shared values. Change the table in
 * the document and these package lists together.
 */
@AnalyzeClasses(packages = "org.realname.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String G = "org.realname.gateway.";

    static final String[] WEB = { G + "web.." };
    static final String[] FEATURES = { G + "session..", G + "rights..", G + "retention..", G + "auditor..",
            G + "webhook..", G + "keyadmin..", G + "complaint.." };
    static final String[] DOMAIN = { G + "result..", G + "consent..", G + "limits..", G + "audit..", G + "provider..",
            G + "privacy..", G + "auth.." };
    static final String[] INFRASTRUCTURE = { G + "keys..", G + "crypto..", G + "tls..", G + "tenant..", G + "config..",
            G + "metrics..", G + "fault..", G + "util.." };
    static final String[] SHARED = { G + "shared..", G + "identity..", G + "error.." };

    /** BouncyCastle below the JCA: the lightweight engines, the maths, the provider's internals. */
    static final String[] BC_LOW_LEVEL = { "org.bouncycastle.crypto..", "org.bouncycastle.math..",
            "org.bouncycastle.pqc..", "org.bouncycastle.jcajce.provider.." };

    @ArchTest
    static final ArchRule everyPackageHasALayer = classes().should()
            .resideInAnyPackage(concat(WEB, FEATURES, DOMAIN, INFRASTRUCTURE, SHARED))
            .because("a new top-level package gets its row in docs/architecture.md and its layer here");

    @ArchTest
    static final ArchRule layersDependOnlyDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Web").definedBy(WEB)
            .layer("Features").definedBy(FEATURES)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Infrastructure").definedBy(INFRASTRUCTURE)
            .layer("Shared").definedBy(SHARED)
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Features").mayOnlyBeAccessedByLayers("Web")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Web", "Features")
            .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Web", "Features", "Domain")
            .whereLayer("Shared").mayOnlyBeAccessedByLayers("Web", "Features", "Domain", "Infrastructure");

    /** A subpackage counts with its top-level parent: {@code audit.cli} is {@code audit}. */
    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices().matching("org.realname.gateway.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.realname.gateway.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCapabilityUsesWeb = noClasses().that().resideOutsideOfPackage(G + "web..")
            .should().dependOnClassesThat().resideInAPackage(G + "web..");

    /**
     * Everything else reaches BouncyCastle through the JCA (providers, specs, ASN.1, certificate
     * builders, JSSE). {@code webhook.api} is the receiver kit platforms copy with bcprov as its only
     * dependency, so it uses the lightweight HMAC-SM3 on purpose (see HmacSm3Tags).
     */
    @ArchTest
    static final ArchRule onlyCryptoUsesLowLevelBouncyCastle = noClasses()
            .that().resideOutsideOfPackages(G + "crypto..", G + "webhook.api..")
            .should().dependOnClassesThat().resideInAnyPackage(BC_LOW_LEVEL);

    @ArchTest
    static final ArchRule webhookKitStandsAlone = classes().that().resideInAPackage(G + "webhook.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(G + "webhook.api..", "java..", "javax..",
                    "org.bouncycastle..")
            .because("platforms copy the package on its own (docs/webhooks.md)");

    /**
     * Raw key bytes: the {@link SecretKeyAccess} token, {@link SecretBytes#toByteArray}, and
     * {@code getEncoded()} on any key that is not public. {@code crypto} hands bytes to its
     * primitives; {@code provider.alipay.PemKeys} writes the provider protocol's own key pairs as
     * PEM, the format that protocol exchanges them in.
     */
    @ArchTest
    static final ArchRule onlyKeysReadRawKeyBytes = noClasses()
            .that().resideOutsideOfPackages(G + "keys..", G + "crypto..")
            .and().doNotHaveFullyQualifiedName(G + "provider.alipay.PemKeys")
            .should().callMethodWhere(describe("read raw key bytes", ArchitectureTest::readsRawKeyBytes));

    private static boolean readsRawKeyBytes(JavaMethodCall call) {
        var owner = call.getTargetOwner();
        String name = call.getName();
        if (owner.isEquivalentTo(SecretKeyAccess.class)) {
            return name.equals("rawKeyAccess");
        }
        if (owner.isEquivalentTo(SecretBytes.class)) {
            return name.equals("toByteArray");
        }
        return name.equals("getEncoded") && owner.isAssignableTo(Key.class) && !owner.isAssignableTo(PublicKey.class);
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
