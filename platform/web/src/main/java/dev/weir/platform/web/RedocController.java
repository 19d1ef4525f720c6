package dev.weir.platform.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves {@code /redoc}: the OpenAPI document at {@code /openapi.json} rendered by a
 * bundled Redoc.
 */
@RestController
@Hidden
class RedocController {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html>
              <head>
                <title>API reference</title>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
              </head>
              <body>
                <redoc spec-url="/openapi.json"></redoc>
                <script src="/weir/redoc.standalone.js"></script>
              </body>
            </html>
            """;

    @GetMapping(path = "/redoc", produces = MediaType.TEXT_HTML_VALUE)
    String redoc() {
        return PAGE;
    }

}
