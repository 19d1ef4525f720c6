package dev.weir.analytics.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps what the controllers answer for a dataset version (200 with an ETag
 * {@code "<dataset>.<version>"}) as bytes in {@link RenderedAnswers}, for
 * {@link KeptAnswersHandler} to send again in front of the servlet stack.
 */
@ControllerAdvice
class RenderAdvice implements ResponseBodyAdvice<Object> {

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL,
            HttpHeaders.LAST_MODIFIED, HttpHeaders.LINK);

    private final RenderedAnswers rendered;

    private final JsonMapper json;

    private final boolean enabled;

    RenderAdvice(RenderedAnswers rendered, JsonMapper json, AnalyticsProperties properties) {
        this.rendered = rendered;
        this.json = json;
        this.enabled = properties.cache().enabled();
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return this.enabled;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body == null || !(request instanceof ServletServerHttpRequest servletRequest)
                || !(response instanceof ServletServerHttpResponse servletResponse)
                || servletResponse.getServletResponse().getStatus() != 200
                || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return body;
        }
        String etag = response.getHeaders().getETag();
        Dataset dataset = KeptAnswersHandler.datasetOf(etag);
        if (dataset == null) {
            return body;
        }
        long version = Long.parseLong(etag.substring(etag.indexOf('.') + 1, etag.length() - 1));
        List<String> headers = new ArrayList<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.add(name);
                headers.add(value);
            }
        }
        var servlet = servletRequest.getServletRequest();
        this.rendered.put(KeptAnswersHandler.key(servlet.getRequestURI(), servlet.getQueryString()),
                new RenderedAnswers.Rendered(dataset, version, etag, this.json.writeValueAsBytes(body),
                        List.copyOf(headers)));
        return body;
    }

}
