package dev.weir.platform.grpc;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(
            Validation.buildDefaultValidatorFactory().getValidator());

    record CreateThing(@NotBlank String thingId, String countryName, int count) {
    }

    @Test
    void refusesANulCharacterInAnyTextFieldNamingItInSnakeCase() {
        assertThatExceptionOfType(WeirException.class)
            .isThrownBy(() -> this.validator.valid(new CreateThing("t1", "Ice\0land", 1)))
            .satisfies((ex) -> assertThat(ex.fieldErrors())
                .containsExactly(FieldError.body("country_name", "must not contain the NUL character (U+0000)")));
    }

    @Test
    void reportsTheNulCharacterWithTheOtherViolations() {
        assertThatExceptionOfType(WeirException.class)
            .isThrownBy(() -> this.validator.valid(new CreateThing(" ", "Ice\0land", 1)))
            .satisfies((ex) -> assertThat(ex.fieldErrors()).extracting(FieldError::field)
                .containsExactly("country_name", "thing_id"));
    }

    @Test
    void refusesARequiredValueWithANulCharacter() {
        assertThatExceptionOfType(WeirException.class)
            .isThrownBy(() -> this.validator.required("customer_id", "17\u00000"))
            .satisfies(
                    (ex) -> assertThat(ex.fieldErrors()).extracting(FieldError::field).containsExactly("customer_id"));
    }

    @Test
    void takesTextWithoutOne() {
        CreateThing thing = new CreateThing("t1", "Ísland \uD83C\uDDEE\uD83C\uDDF8", 1);

        assertThat(this.validator.valid(thing)).isSameAs(thing);
        assertThat(this.validator.required("customer_id", "17850")).isEqualTo("17850");
    }

}
