package dev.weir.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import jakarta.validation.ConstraintViolationException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.weir.platform.error.DatabaseUnavailable;
import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a Weir HTTP service into an RFC 9457
 * {@code application/problem+json} answer with a stable {@code type}. Validation failures
 * are always 422 and name each offending field with where it was ({@code body},
 * {@code query}, {@code path}, {@code header}); a body that cannot be read at all is 400;
 * an unreachable database is 503 with {@code Retry-After}. Nothing reaches the client as
 * a stack trace or an HTML error page.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private static final HttpStatusCode UNPROCESSABLE = HttpStatusCode.valueOf(422);

    @ExceptionHandler(WeirException.class)
    ResponseEntity<Object> handleWeirException(WeirException ex, WebRequest request) {
        ProblemDetail problem = Problems.of(ex);
        HttpHeaders headers = new HttpHeaders();
        if (ex.kind() == ErrorKind.UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(WeirException.RETRY_AFTER.toSeconds()));
        }
        return createResponseEntity(problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> handleBodyTooLarge(BodyTooLargeException ex, WebRequest request) {
        return problem(ErrorKind.TOO_LARGE, "Request body too large", ex.getMessage(), request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> handleDuplicateKey(DuplicateKeyException ex, WebRequest request) {
        return problem(ErrorKind.ALREADY_EXISTS, "Already exists",
                "A resource with the same identifier was created concurrently.", request);
    }

    /**
     * A constraint checked by a {@code @Validated} bean's method validation rather than
     * Spring MVC's own: still the client's error, named like the others.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolated(ConstraintViolationException ex, WebRequest request) {
        List<FieldError> errors = ex.getConstraintViolations()
            .stream()
            .map((violation) -> new FieldError(snake(lastNode(violation.getPropertyPath().toString())), "request",
                    violation.getMessage()))
            .toList();
        return invalid(errors, new HttpHeaders(), request);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return (dot < 0) ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (refusedByJetty(ex) instanceof HttpException refused) {
            // Jetty refuses a part of the request when it is first read, e.g. a query
            // string with a malformed percent-encoding (?country=%zz): the client's fault
            ProblemDetail problem = ProblemErrorHandler.problem(refused.getCode(), refused.getReason());
            return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                    request);
        }
        if (DatabaseUnavailable.causes(ex)) {
            // nothing was changed: 503 with Retry-After
            log.warn("Database unavailable: {}", ex.getMessage());
            return handleWeirException(DatabaseUnavailable.failure(), request);
        }
        log.error("Unexpected failure handling {}", request.getDescription(false), ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The service failed unexpectedly; the failure was logged.");
        return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = bindingErrors(ex.getBindingResult());
        return invalid(errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach((result) -> {
            MethodParameter parameter = result.getMethodParameter();
            String in = where(parameter);
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = (error instanceof org.springframework.validation.FieldError fieldError)
                        ? snake(fieldError.getField()) : parameterName(parameter);
                errors.add(new FieldError(field, in, error.getDefaultMessage()));
            }
        });
        return invalid(errors, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "value";
        String in = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? where(mismatch.getParameter())
                : "query";
        String expected = (ex.getRequiredType() != null) ? typeName(ex.getRequiredType()) : "another type";
        return invalid(List.of(new FieldError(name, in, "must be " + expected + ", got '" + ex.getValue() + "'")),
                headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return invalid(List.of(FieldError.query(ex.getParameterName(), "is required")), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(
            org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return invalid(List.of(FieldError.header(missing.getHeaderName(), "is required")), headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return handleBodyTooLarge(tooLarge, request);
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String known = unknown.getKnownPropertyIds()
                    .stream()
                    .map(String::valueOf)
                    .sorted()
                    .collect(Collectors.joining(", "));
                return invalid(
                        List.of(FieldError.body(pointer(unknown),
                                "is not a known field" + (known.isEmpty() ? "" : " (known fields: " + known + ")"))),
                        headers, request);
            }
            if (cause instanceof RefusedJsonValueException text) {
                return invalid(List.of(FieldError.body(pointer(text), text.reason())), headers, request);
            }
            if (cause instanceof InvalidFormatException format) {
                return invalid(
                        List.of(FieldError.body(pointer(format),
                                "must be " + typeName(format.getTargetType()) + ", got '" + format.getValue() + "'")),
                        headers, request);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return invalid(
                        List.of(FieldError.body(pointer(mismatch), "must be " + typeName(mismatch.getTargetType()))),
                        headers, request);
            }
            if (cause instanceof InputCoercionException coercion) {
                String field = pointer(coercion);
                if ("(body)".equals(field) && coercion.processor() instanceof JsonParser parser
                        && parser.currentName() != null) {
                    field = parser.currentName();
                }
                return invalid(
                        List.of(FieldError.body(field, "is out of range for " + typeName(coercion.getTargetType()))),
                        headers, request);
            }
            if (cause instanceof StreamReadException syntax) {
                String where = (syntax.getLocation() != null) ? " at line " + syntax.getLocation().getLineNr()
                        + ", column " + syntax.getLocation().getColumnNr() : "";
                return problem(ErrorKind.MALFORMED, "Malformed request body",
                        "The body is not valid JSON" + where + ": " + syntax.getOriginalMessage(), request);
            }
            cause = cause.getCause();
        }
        String detail = (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing"))
                ? "A JSON request body is required." : "The request body could not be read as JSON.";
        return problem(ErrorKind.MALFORMED, "Malformed request body", detail, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setTitle("Unsupported media type");
        problem.setDetail("Content-Type '" + ex.getContentType() + "' is not supported here; send "
                + ex.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(" or ")) + ".");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /**
     * Gives every problem Spring builds itself (405, 406, 404 for unknown paths...) a
     * Weir type.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(Problems.type(Problems.slugFor(statusCode)));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** A 4xx that Jetty raised while Spring read the request, or null. */
    private static @Nullable HttpException refusedByJetty(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http;
            }
        }
        return null;
    }

    private ResponseEntity<Object> invalid(List<FieldError> errors, HttpHeaders headers, WebRequest request) {
        String detail = errors.stream()
            .map((e) -> "(body)".equals(e.field()) ? "the body " + e.detail()
                    : e.field() + " (" + e.in() + ") " + e.detail())
            .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(UNPROCESSABLE, ErrorKind.INVALID.slug(), "Invalid request", detail);
        problem.setProperty("errors", errors);
        return createResponseEntity(problem, headers, UNPROCESSABLE, request);
    }

    private ResponseEntity<Object> problem(ErrorKind kind, String title, String detail, WebRequest request) {
        ProblemDetail problem = Problems.of(kind, title, detail);
        return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static List<FieldError> bindingErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        for (org.springframework.validation.FieldError error : result.getFieldErrors()) {
            errors.add(FieldError.body(snake(error.getField()), error.getDefaultMessage()));
        }
        for (ObjectError error : result.getGlobalErrors()) {
            errors.add(FieldError.body(result.getObjectName(), error.getDefaultMessage()));
        }
        return errors;
    }

    private static String pointer(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append((reference.getPropertyName() != null) ? reference.getPropertyName()
                    : "[" + reference.getIndex() + "]");
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String where(MethodParameter parameter) {
        if (parameter.hasParameterAnnotation(PathVariable.class)) {
            return "path";
        }
        if (parameter.hasParameterAnnotation(RequestHeader.class)) {
            return "header";
        }
        if (parameter.hasParameterAnnotation(RequestBody.class)) {
            return "body";
        }
        return "query";
    }

    private static String parameterName(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return (name != null) ? snake(name) : "arg" + parameter.getParameterIndex();
    }

    private static String snake(String javaName) {
        StringBuilder out = new StringBuilder();
        for (String part : javaName.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            for (char c : part.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    out.append('_').append(Character.toLowerCase(c));
                }
                else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return (type == Integer.class || type == int.class || type == Long.class || type == long.class)
                    ? "an integer" : "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.getSimpleName().startsWith("Local") || type.getSimpleName().endsWith("Instant")) {
            return "an ISO-8601 date-time";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

}
