package org.realname.gateway.identity;

import java.util.Set;

/**
 * Masks personal data for display. Every place that shows a name or an ID number goes through
 * here, so the masking rule is the same everywhere ({@code 张*}, {@code 欧阳**},
 * {@code 110***********123X}).
 */
public final class Masking {

    /**
     * Two-character surnames. The surname is what a person recognises their record by, and it
     * alone does not identify anyone, so the whole of it stays visible ({@code 欧阳娜娜} →
     * {@code 欧阳**}); a name of only a compound surname and one given character keeps just the
     * first character, so that a given name is never shown.
     */
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟",
            "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延",
            "万俟", "申屠", "澹台", "公冶", "太史", "闻人", "赫连", "钟离", "淳于", "单于", "濮阳", "东郭", "司空", "拓跋",
            "完颜", "纳兰", "第五", "公羊", "梁丘", "左丘", "段干", "亓官", "鲜于", "闾丘", "仲孙", "叔孙", "乐正", "漆雕");

    private Masking() {
    }

    /**
     * Keeps the surname (the first character, or a known two-character surname when at least
     * two given characters follow) and replaces every other character by {@code *}; spaces
     * stay, so a Latin-script name keeps its shape.
     */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int[] cps = name.codePoints().toArray();
        int keep = 1;
        if (cps.length >= 4 && COMPOUND_SURNAMES.contains(new String(cps, 0, 2))) {
            keep = 2;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i < keep) {
                out.appendCodePoint(cps[i]);
            } else {
                out.append(cps[i] == ' ' ? ' ' : '*');
            }
        }
        return out.toString();
    }

    /** Keeps the first three and the last four characters of an ID number. */
    public static String idNumber(String id) {
        if (id == null || id.length() < 8) {
            return "*".repeat(id == null ? 0 : id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }
}
