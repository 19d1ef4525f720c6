package dev.weir.analytics.weather;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.weir.analytics.system.AnswerCache;
import dev.weir.analytics.system.Cursor;
import dev.weir.analytics.system.Dataset;
import dev.weir.analytics.system.Fresh;
import dev.weir.analytics.system.Page;
import dev.weir.platform.error.WeirException;

/** Weather analytics: the cities, each one's hourly series and its daily min/max/mean. */
@Service
class WeatherAnalyticsService {

    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final OffsetDateTime END = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final WeatherAnalyticsRepository repository;

    private final AnswerCache answers;

    WeatherAnalyticsService(WeatherAnalyticsRepository repository, AnswerCache answers) {
        this.repository = repository;
        this.answers = answers;
    }

    Fresh<WeatherViews.Cities> cities() {
        return this.answers.get(Dataset.WEATHER, "cities", () -> new WeatherViews.Cities(this.repository.cities()));
    }

    /** The hours in [from, to), in time order. */
    Fresh<Page<WeatherViews.Hour>> hours(String city, OffsetDateTime from, OffsetDateTime to, String after, int limit) {
        List<String> position = Cursor.parse(after, 1);
        OffsetDateTime afterTime;
        try {
            afterTime = (position != null) ? OffsetDateTime.parse(position.get(0)) : BEGINNING;
        }
        catch (java.time.DateTimeException ex) {
            throw dev.weir.analytics.system.Params.invalid("after",
                    "is not a position of this list: use the 'next' link of the previous page");
        }
        return this.answers.get(Dataset.WEATHER, "hours|" + city + "|" + from + "|" + to + "|" + after + "|" + limit,
                () -> {
                    known(city);
                    return Page.of(this.repository.hours(city, (from != null) ? from : BEGINNING,
                            (to != null) ? to : END, afterTime, limit + 1), limit,
                            (h) -> Cursor.of(h.time().atOffset(ZoneOffset.UTC)));
                });
    }

    Fresh<WeatherViews.Days> days(String city, LocalDate from, LocalDate to) {
        return this.answers.get(Dataset.WEATHER, "days|" + city + "|" + from + "|" + to, () -> {
            known(city);
            int fromKey = (from != null) ? key(from) : 0;
            int toKey = (to != null) ? key(to) : 99_991_231;
            return new WeatherViews.Days(city, (from != null) ? from.toString() : null,
                    (to != null) ? to.toString() : null, this.repository.days(city, fromKey, toKey));
        });
    }

    private void known(String city) {
        if (!this.repository.knows(city)) {
            throw WeirException.notFound("City not found", "The warehouse has no weather for '" + city + "'.")
                .with("city", city);
        }
    }

    private static int key(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

}
