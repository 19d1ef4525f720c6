package dev.weir.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@code application/problem+json} labels problems only. A client that accepts it (alone,
 * or first) would otherwise get a successful answer's JSON labelled as a problem, since
 * the JSON converter writes every {@code application/*+json}; such an answer is labelled
 * {@code application/json} (text {@code text/plain}), what the operation's document says.
 */
@ControllerAdvice
class ProblemMediaTypeAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (selectedContentType != null && MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selectedContentType)
                && !(body instanceof ProblemDetail)) {
            response.getHeaders()
                .setContentType((body instanceof CharSequence)
                        ? new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8)
                        : MediaType.APPLICATION_JSON);
        }
        return body;
    }

}
