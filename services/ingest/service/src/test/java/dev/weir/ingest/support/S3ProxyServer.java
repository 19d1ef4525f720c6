package dev.weir.ingest.support;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.weir.testing.infra.TestPorts;

/**
 * S3Proxy, a real S3 API server over a local directory, running in this JVM: in a class
 * loader of its own (from its published fat jar, which the build copies to
 * {@code target/s3proxy}), since it brings Jetty 11 and the service runs on Jetty 12.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "weir-test";

    public static final String SECRET_KEY = "weir-test-secret";

    private final URLClassLoader loader;

    private final Object proxy;

    private final URI endpoint;

    private S3ProxyServer(URLClassLoader loader, Object proxy, URI endpoint) {
        this.loader = loader;
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts a server over a new directory, with the buckets given. */
    public static S3ProxyServer start(String... buckets) throws Exception {
        Path jar = Path.of(System.getProperty("weir.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy's jar is not at " + jar + " (the build copies it there)");
        }
        Path dir = Files.createTempDirectory("weir-test-s3");
        URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Properties overrides = new Properties();
            overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
            Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
            Object builder = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "filesystem");
            builder = contextBuilder.getMethod("credentials", String.class, String.class)
                .invoke(builder, ACCESS_KEY, SECRET_KEY);
            builder = contextBuilder.getMethod("overrides", Properties.class).invoke(builder, overrides);
            Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
            Object context = contextBuilder.getMethod("build", Class.class).invoke(builder, contextType);
            Object blobStore = contextType.getMethod("getBlobStore").invoke(context);
            Class<?> blobStoreType = loader.loadClass("org.jclouds.blobstore.BlobStore");
            Class<?> locationType = loader.loadClass("org.jclouds.domain.Location");
            Method create = blobStoreType.getMethod("createContainerInLocation", locationType, String.class);
            for (String bucket : buckets) {
                create.invoke(blobStore, null, bucket);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + TestPorts.free());
            Class<?> s3Proxy = loader.loadClass("org.gaul.s3proxy.S3Proxy");
            Object proxyBuilder = s3Proxy.getMethod("builder").invoke(null);
            Class<?> builderType = proxyBuilder.getClass();
            builderType.getMethod("blobStore", blobStoreType).invoke(proxyBuilder, blobStore);
            builderType.getMethod("endpoint", URI.class).invoke(proxyBuilder, endpoint);
            Class<?> authType = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
            Object awsV2OrV4 = authType.getField("AWS_V2_OR_V4").get(null);
            builderType.getMethod("awsAuthentication", authType, String.class, String.class)
                .invoke(proxyBuilder, awsV2OrV4, ACCESS_KEY, SECRET_KEY);
            Object proxy = builderType.getMethod("build").invoke(proxyBuilder);
            s3Proxy.getMethod("start").invoke(proxy);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(s3Proxy.getMethod("getState").invoke(proxy))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start");
                }
                Thread.sleep(50);
            }
            return new S3ProxyServer(loader, proxy, endpoint);
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }

    public URI endpoint() {
        return this.endpoint;
    }

    @Override
    public void close() throws Exception {
        this.proxy.getClass().getMethod("stop").invoke(this.proxy);
        this.loader.close();
    }

}
