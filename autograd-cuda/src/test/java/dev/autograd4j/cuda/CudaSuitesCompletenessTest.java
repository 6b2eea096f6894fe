package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.BackendContract;
import dev.autograd4j.suites.DeviceSuite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs without a GPU: every device suite of the api test-jar and every backend contract has a class here that runs
 * it on CUDA, marked {@link RequiresCuda} (so it is tagged {@code cuda} and skips with the reason where there is no
 * GPU). A suite added to the test-jar without a CUDA class fails this test, as an op without a sample fails the op
 * database's completeness test.
 */
class CudaSuitesCompletenessTest {

    @Test
    void everyDeviceSuiteAndContractRunsOnCuda() {
        List<Class<?>> suites = new ArrayList<>();
        for (Class<?> c : classesIn(DeviceSuite.class.getPackageName())) {
            if (Modifier.isAbstract(c.getModifiers()) && DeviceSuite.class.isAssignableFrom(c)
                    && c != DeviceSuite.class) {
                suites.add(c);
            }
        }
        for (Class<?> c : classesIn(BackendContract.class.getPackageName())) {
            if (Modifier.isAbstract(c.getModifiers()) && c.getSimpleName().endsWith("Contract")) {
                suites.add(c);
            }
        }
        assertTrue(suites.size() >= 14, "found only " + suites + " in the api test-jar");
        List<Class<?>> ours = classesIn(RequiresCuda.class.getPackageName());
        TreeSet<String> missing = new TreeSet<>();
        for (Class<?> suite : suites) {
            List<Class<?>> runners = ours.stream().filter(c -> c.getSuperclass() == suite).toList();
            if (runners.size() != 1) {
                missing.add(suite.getSimpleName() + " (" + runners.size() + " CUDA classes)");
                continue;
            }
            Class<?> runner = runners.get(0);
            assertTrue(runner.isAnnotationPresent(RequiresCuda.class), runner.getSimpleName() + " lacks @RequiresCuda");
            assertTrue(AnnotationSupport.findRepeatableAnnotations(runner, Tag.class).stream()
                    .anyMatch(t -> t.value().equals("cuda")), runner.getSimpleName() + " is not tagged cuda");
        }
        assertEquals(new TreeSet<>(), missing, "suites without a CUDA test class in "
                + RequiresCuda.class.getPackageName());
    }

    @Test
    void theConditionSkipsWithTheBackendsReasonWhereThereIsNoCuda() {
        ConditionEvaluationResult r = new RequiresCuda.Condition().evaluateExecutionCondition(null);
        assertEquals(Backends.isAvailable(Device.Type.CUDA), !r.isDisabled(), r.toString());
        if (r.isDisabled()) {
            String reason = r.getReason().orElseThrow();
            assertTrue(reason.endsWith(Backends.availability(Device.Type.CUDA)), reason);
            assertFalse(Backends.availability(Device.Type.CUDA).isBlank(), "the backend gives no reason");
        }
    }

    /** The top-level classes of {@code pkg} on the test class path, from folders and jars alike. */
    static List<Class<?>> classesIn(String pkg) {
        String path = pkg.replace('.', '/');
        ClassLoader loader = CudaSuitesCompletenessTest.class.getClassLoader();
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(path);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).forEach(f -> addClass(names, pkg, f));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    URLConnection connection = url.openConnection();
                    connection.setUseCaches(false); // a cached JarFile is the class loader's: closing it would break it
                    try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String entry = e.nextElement().getName();
                            if (entry.startsWith(path + "/") && entry.indexOf('/', path.length() + 1) < 0) {
                                addClass(names, pkg, entry.substring(path.length() + 1));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    private static void addClass(TreeSet<String> names, String pkg, String file) {
        if (file.endsWith(".class") && !file.contains("$") && !file.equals("package-info.class")) {
            names.add(pkg + "." + file.substring(0, file.length() - ".class".length()));
        }
    }
}
