package org.realname.gateway.consent;

import java.util.Optional;

/**
 * Who the guardian of a child under the guardian age is to the child, as the Civil Code (art. 27)
 * orders guardianship: parents first, then grandparents, adult siblings, then another person or
 * organisation that took on the duty. A fixed list, stored as its slug, so that no free text
 * (which could carry personal data) ever reaches the database.
 */
public enum GuardianRelation {
    PARENT("parent", "父母", "Parent"),
    GRANDPARENT("grandparent", "祖父母、外祖父母", "Grandparent"),
    ADULT_SIBLING("adult-sibling", "成年兄、姐", "Adult brother or sister"),
    OTHER_GUARDIAN("other-guardian", "其他依法担任监护人的亲属或组织", "Other relative or body appointed guardian");

    private final String slug;
    private final String labelZh;
    private final String labelEn;

    GuardianRelation(String slug, String labelZh, String labelEn) {
        this.slug = slug;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String slug() {
        return slug;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    public static Optional<GuardianRelation> fromSlug(String slug) {
        for (GuardianRelation r : values()) {
            if (r.slug.equals(slug)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
