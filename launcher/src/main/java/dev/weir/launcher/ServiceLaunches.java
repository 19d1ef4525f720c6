package dev.weir.launcher;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import dev.weir.platform.launch.ServiceLaunch;

/** The services on the class path, in their start order. */
final class ServiceLaunches {

    private ServiceLaunches() {
    }

    static List<ServiceLaunch> all() {
        return ServiceLoader.load(ServiceLaunch.class)
            .stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(ServiceLaunch::order).thenComparing(ServiceLaunch::name))
            .toList();
    }

}
