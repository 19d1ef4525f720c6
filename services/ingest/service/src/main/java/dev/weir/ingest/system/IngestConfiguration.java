package dev.weir.ingest.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/** Cross-cutting beans of the Ingest service. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /**
     * Fires schedules, each run on a virtual thread of its own, so a long run never
     * delays another connector's fire time.
     */
    @Bean
    SimpleAsyncTaskScheduler ingestScheduler() {
        SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
        scheduler.setVirtualThreads(true);
        scheduler.setThreadNamePrefix("ingest-schedule-");
        return scheduler;
    }

}
