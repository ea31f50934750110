package org.parley.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application prepares, for a benchmark's "statements per webhook": the data source is
 * wrapped so that every {@code prepareStatement}, {@code prepareCall} and {@code createStatement} of its connections
 * is counted. Registered only by the benchmarks (as a static bean of their test configuration), never in the suite.
 * Statement counts do not depend on how busy the machine is, so a change that saves work shows even on a noisy one.
 */
public final class StatementCount implements BeanPostProcessor {

    private static final LongAdder PREPARED = new LongAdder();
    private static final LongAdder COMMITS = new LongAdder();
    /** The statements' SQL while {@link #recording} runs (parameters are bound separately, so no data is in it). */
    private static final List<Prepared> RECORDED = new CopyOnWriteArrayList<>();
    private static volatile boolean recording;

    /** A statement prepared while recording: by which thread, and its SQL. */
    public record Prepared(String thread, String sql) {

        /** Whether a web request's thread prepared it (Tomcat's request threads), not a background worker. */
        public boolean inRequest() {
            return thread.startsWith("http-nio");
        }
    }

    /** Runs {@code work} and returns every statement prepared meanwhile, by any thread, in order. */
    public static List<Prepared> recording(Runnable work) {
        RECORDED.clear();
        recording = true;
        try {
            work.run();
        } finally {
            recording = false;
        }
        return List.copyOf(RECORDED);
    }

    /** Statements prepared since the JVM started. */
    public static long statements() {
        return PREPARED.sum();
    }

    /** Explicit commits since the JVM started (one per transaction that wrote or read under Spring's management). */
    public static long commits() {
        return COMMITS.sum();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Proxy)) {
            return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    handler(dataSource, (proxy, method, args) -> {
                        Object result = method.invoke(dataSource, args);
                        return result instanceof Connection connection ? counting(connection) : result;
                    }));
        }
        return bean;
    }

    private static Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler(connection, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement", "prepareCall", "createStatement" -> {
                            PREPARED.increment();
                            if (recording) {
                                RECORDED.add(new Prepared(Thread.currentThread().getName(),
                                        args == null || args.length == 0 ? "(statement)" : String.valueOf(args[0])));
                            }
                        }
                        case "commit" -> COMMITS.increment();
                        default -> { }
                    }
                    return method.invoke(connection, args);
                }));
    }

    /** Passes {@code unwrap} and {@code isWrapperFor} to the real object (e.g. the pool's own type); the rest to {@code calls}. */
    private static InvocationHandler handler(Object target, InvocationHandler calls) {
        return (proxy, method, args) -> {
            try {
                if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    return method.invoke(target, args);
                }
                return calls.invoke(proxy, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
