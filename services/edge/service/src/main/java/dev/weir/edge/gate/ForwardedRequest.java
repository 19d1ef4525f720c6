package dev.weir.edge.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as it goes on: some headers set (the downstream token, the request id),
 * some removed (the API key, which never leaves the edge).
 */
final class ForwardedRequest extends HttpServletRequestWrapper {

    private final Map<String, String> replaced = new LinkedHashMap<>();

    private final List<String> removed = new ArrayList<>();

    ForwardedRequest(HttpServletRequest request) {
        super(request);
    }

    ForwardedRequest set(String name, String value) {
        this.replaced.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    ForwardedRequest remove(String name) {
        this.removed.add(name.toLowerCase(Locale.ROOT));
        return this;
    }

    @Override
    public String getHeader(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (this.replaced.containsKey(key)) {
            return this.replaced.get(key);
        }
        return this.removed.contains(key) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (this.replaced.containsKey(key)) {
            return Collections.enumeration(List.of(this.replaced.get(key)));
        }
        return this.removed.contains(key) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> original = super.getHeaderNames();
        while (original.hasMoreElements()) {
            String name = original.nextElement();
            String key = name.toLowerCase(Locale.ROOT);
            if (!this.removed.contains(key) && !this.replaced.containsKey(key)) {
                names.add(name);
            }
        }
        this.replaced.forEach((name, value) -> names.add(name));
        return Collections.enumeration(names);
    }

}
