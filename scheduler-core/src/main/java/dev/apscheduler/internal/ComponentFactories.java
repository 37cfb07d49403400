package dev.apscheduler.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.config.ComponentConfig;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerFactory;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Creates job stores and executors from {@link ComponentConfig}: by registered type (the factories found with
 * {@link ServiceLoader}, plus those given to the scheduler's builder), or by class name (a store, executor or
 * factory class with a public constructor taking {@link ComponentOptions} or none). APScheduler's Python class
 * references for its memory store, SQLAlchemy store, thread pool and debug executor are understood too. Holds the
 * scheduler's trigger kinds the same way: the built-in ones, those found with {@link ServiceLoader}, and the
 * builder's.
 */
final class ComponentFactories {

    private static final Map<String, String> PYTHON_CLASSES = Map.of(
            "apscheduler.jobstores.memory:MemoryJobStore", "memory",
            "apscheduler.jobstores.sqlalchemy:SQLAlchemyJobStore", "sqlalchemy",
            "apscheduler.executors.pool:ThreadPoolExecutor", "threadpool",
            "apscheduler.executors.debug:DebugExecutor", "direct");

    private final ClassLoader classLoader;

    private final Map<String, JobStoreFactory> storeFactories = new LinkedHashMap<>();

    private final Map<String, JobExecutorFactory> executorFactories = new LinkedHashMap<>();

    private final TriggerRegistry triggerRegistry;

    /**
     * Discovers the factories on the class path and adds the given ones (which win over discovered ones of the same
     * type or alias).
     * @param classLoader where to look for factories and configured classes
     * @param extraStores store factories given programmatically
     * @param extraExecutors executor factories given programmatically
     * @param extraTriggers trigger factories given programmatically
     * @throws dev.apscheduler.ConfigurationException if trigger factories claim a built-in alias or the same one
     */
    public ComponentFactories(ClassLoader classLoader, List<JobStoreFactory> extraStores,
            List<JobExecutorFactory> extraExecutors, List<TriggerFactory> extraTriggers) {
        this.classLoader = classLoader;
        this.triggerRegistry = TriggerRegistry.load(classLoader).with(extraTriggers);
        ServiceLoader.load(JobStoreFactory.class, classLoader)
            .forEach((factory) -> register(this.storeFactories, factory.type(), factory.aliases(), factory));
        ServiceLoader.load(JobExecutorFactory.class, classLoader)
            .forEach((factory) -> register(this.executorFactories, factory.type(), factory.aliases(), factory));
        extraStores.forEach((factory) -> register(this.storeFactories, factory.type(), factory.aliases(), factory));
        extraExecutors
            .forEach((factory) -> register(this.executorFactories, factory.type(), factory.aliases(), factory));
    }

    private static <F> void register(Map<String, F> registry, String type, List<String> aliases, F factory) {
        registry.put(type, factory);
        aliases.forEach((alias) -> registry.put(alias, factory));
    }

    /**
     * Returns the trigger kinds known.
     * @return the registry
     */
    public TriggerRegistry triggerRegistry() {
        return this.triggerRegistry;
    }

    /**
     * Returns the job store type names known, aliases included.
     * @return the names, sorted
     */
    public List<String> storeTypes() {
        return List.copyOf(new TreeSet<>(this.storeFactories.keySet()));
    }

    /**
     * Returns the executor type names known, aliases included.
     * @return the names, sorted
     */
    public List<String> executorTypes() {
        return List.copyOf(new TreeSet<>(this.executorFactories.keySet()));
    }

    /**
     * Creates a job store.
     * @param config the store's configuration; without type or class, a {@code memory} store
     * @return the store
     * @throws ConfigurationException naming the key for an unknown type, a bad class or a bad option
     */
    public JobStore createStore(ComponentConfig config) {
        ComponentConfig storeConfig = new ComponentConfig(config.type(), config.className(),
                config.options().without(JobStoreFactory.BATCH_SIZE), config.source());
        return create(storeConfig, "job store", "memory", this.storeFactories, JobStore.class, JobStoreFactory.class,
                (factory) -> factory::create);
    }

    /**
     * Reads the {@code batch_size} option every store type accepts ({@link JobStoreFactory#BATCH_SIZE}).
     * @param config the store's configuration
     * @return the batch size, or {@code null} when not given (the store's own {@link JobStore#batchSize()} applies)
     * @throws ConfigurationException naming the key if the value is not a whole number of at least one
     */
    public @Nullable Integer batchSize(ComponentConfig config) {
        return config.options().positiveInteger(JobStoreFactory.BATCH_SIZE).orElse(null);
    }

    /**
     * Creates an executor.
     * @param config the executor's configuration; without type or class, a {@code threadpool} executor
     * @return the executor
     * @throws ConfigurationException naming the key for an unknown type, a bad class or a bad option
     */
    public JobExecutor createExecutor(ComponentConfig config) {
        return create(config, "executor", "threadpool", this.executorFactories, JobExecutor.class,
                JobExecutorFactory.class, (factory) -> factory::create);
    }

    private <C, F> C create(ComponentConfig config, String kind, String defaultType, Map<String, F> factories,
            Class<C> componentType, Class<F> factoryType, Function<F, Function<ComponentOptions, C>> creator) {
        String className = config.className();
        String type = config.type();
        if (className != null && PYTHON_CLASSES.containsKey(className)) {
            type = PYTHON_CLASSES.get(className);
            className = null;
        }
        if (className != null) {
            return fromClass(config, className, kind, componentType, factoryType, creator);
        }
        String key = config.source() + ".type";
        String name = (type != null) ? type : defaultType;
        F factory = factories.get(name);
        if (factory == null) {
            throw new ConfigurationException(key, key + ": unknown " + kind + " type '" + name + "' (known: "
                    + String.join(", ", new TreeSet<>(factories.keySet())) + ")");
        }
        return invoke(() -> creator.apply(factory).apply(config.options()), key, kind);
    }

    private <C, F> C fromClass(ComponentConfig config, String className, String kind, Class<C> componentType,
            Class<F> factoryType, Function<F, Function<ComponentOptions, C>> creator) {
        String key = config.source() + ".class";
        if (className.contains(":")) {
            throw new ConfigurationException(key, className, "a Python reference this scheduler does not know; "
                    + "give a Java class name, or a 'type' instead");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, this.classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new ConfigurationException(key, className, "no such class on the class path");
        }
        if (factoryType.isAssignableFrom(type)) {
            F factory = factoryType.cast(instantiate(type, null, key, kind));
            return invoke(() -> creator.apply(factory).apply(config.options()), key, kind);
        }
        if (!componentType.isAssignableFrom(type)) {
            throw new ConfigurationException(key, className, "expected a class implementing "
                    + componentType.getName() + " or " + factoryType.getName());
        }
        return componentType.cast(instantiate(type, config.options(), key, kind));
    }

    private static Object instantiate(Class<?> type, @Nullable ComponentOptions options, String key, String kind) {
        try {
            if (options != null) {
                Constructor<?> withOptions = constructor(type, ComponentOptions.class);
                if (withOptions != null) {
                    return withOptions.newInstance(options);
                }
                if (!options.isEmpty()) {
                    throw new ConfigurationException(options.keyFor(options.names().iterator().next()),
                            options.keyFor(options.names().iterator().next()) + ": " + type.getName()
                                    + " takes no options (it has no public constructor taking ComponentOptions)");
                }
            }
            Constructor<?> noArgs = constructor(type);
            if (noArgs == null) {
                throw new ConfigurationException(key, type.getName(), "expected a public no-argument constructor"
                        + ((options != null) ? " or one taking ComponentOptions" : ""));
            }
            return noArgs.newInstance();
        }
        catch (InvocationTargetException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            if (cause instanceof SchedulerException schedulerException) {
                throw schedulerException;
            }
            throw new ConfigurationException(key, key + ": cannot create " + kind + " " + type.getName() + ": "
                    + cause.getMessage(), cause);
        }
        catch (ReflectiveOperationException ex) {
            throw new ConfigurationException(key, key + ": cannot create " + kind + " " + type.getName() + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static @Nullable Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            return type.getConstructor(parameters);
        }
        catch (NoSuchMethodException ex) {
            return null;
        }
    }

    private static <C> C invoke(java.util.function.Supplier<C> creation, String key, String kind) {
        try {
            return creation.get();
        }
        catch (SchedulerException ex) {
            throw ex;
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(key, key + ": cannot create " + kind + ": " + ex.getMessage(), ex);
        }
    }

}
