package dev.weir.example.todo.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The TODO service's settings ({@code weir.todo.*}): one record tree, validated, with
 * defaults that work.
 *
 * @param listLimit the most items {@code GET /todo} answers
 */
@ConfigurationProperties("weir.todo")
@Validated
public record TodoProperties(@DefaultValue("500") @Min(1) @Max(10000) int listLimit) {
}
