package dev.weir.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page as a problem: what fails outside Spring MVC — in a
 * filter, such as a gateway reading a form body that is not validly encoded — is
 * dispatched to {@code /error}, where Spring Boot's own controller answered its
 * {@code {"timestamp":...,"error":...}} JSON (or a white-label HTML page). The status is
 * kept; the detail says what kind of failure it was, never what the request held or a
 * stack trace. Not an operation of the API: no OpenAPI document lists it.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = (code instanceof Integer value && value >= 400 && value <= 599) ? value : 500;
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(status);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String detail;
        if (status >= 500) {
            log.error("Unexpected failure handling {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (failure instanceof Throwable thrown) ? thrown : null);
            detail = "The service failed unexpectedly; the failure was logged.";
        }
        else {
            detail = (status == 400) ? "The request could not be read (a body or parameters that are not validly "
                    + "encoded, or a header that is not HTTP)." : "The request was refused.";
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = Problems.of(httpStatus, Problems.slugFor(httpStatus),
                (known != null) ? known.getReasonPhrase() : "HTTP " + status, detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(java.net.URI.create(path));
            }
            catch (IllegalArgumentException ex) {
                // not a URI: the problem goes without one
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
