package org.furnacewatch.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.Map;

/**
 * The one template engine for every HTML page the service serves (the console and the signed evidence page): jte,
 * templates in {@code src/main/jte} compiled to classes at build time, every {@code ${...}} HTML-escaped for its
 * context. No page is built by concatenating strings.
 */
public final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {}

    /** Renders {@code template} (e.g. {@code "inbox.jte"}) with its parameters. */
    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
