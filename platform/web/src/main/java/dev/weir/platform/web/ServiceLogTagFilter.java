package dev.weir.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tags every log line written while serving a request with the service's name (MDC key
 * {@code service}). Several Weir services share one JVM and one logging system under
 * {@code weir up}; the tag says which one spoke.
 */
class ServiceLogTagFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "service";

    private final String service;

    ServiceLogTagFilter(String service) {
        this.service = service;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MDC.put(MDC_KEY, this.service);
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove(MDC_KEY);
        }
    }

}
