package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.testapp.inventory.InventoryApplication;
import dev.apscheduler.testapp.inventory.Item;
import dev.apscheduler.testapp.inventory.ItemRepository;
import dev.apscheduler.testapp.scanned.EntityScanApplication;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's entity joins the application's persistence unit without hiding the application's own entities: with
 * Spring Data repositories, with {@code @EntityScan} and no repositories, and not at all when no {@code jpa} store
 * is configured.
 */
class JpaEntityRegistrationTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static ConfigurableApplicationContext run(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
            .properties("spring.datasource.generate-unique-name=true", "spring.jpa.open-in-view=false",
                    "management.endpoints.enabled-by-default=false")
            .properties(properties)
            .logStartupInfo(false)
            .run();
    }

    private static Set<Class<?>> entities(ConfigurableApplicationContext context) {
        return context.getBean(EntityManagerFactory.class).getMetamodel().getEntities().stream()
            .map(EntityType::getJavaType)
            .collect(Collectors.toSet());
    }

    private static void storeAndFindAJob(ConfigurableApplicationContext context) {
        JpaJobStore store = (JpaJobStore) context.getBean(JpaJobStoreFactory.class)
            .create(ComponentOptions.empty("apscheduler.jobstores.default."));
        store.start(JobStoreContext.of("default", MutableClock.at(T0), ZoneOffset.UTC));
        Job job = Job.builder().id("report").task(TaskReference.named("report")).trigger(Triggers.date(T0))
            .nextRunTime(T0).build();
        store.addJob(job);
        assertThat(store.lookupJob("report")).contains(job);
    }

    @Test
    void applicationWithSpringDataRepositoriesKeepsItsEntitiesAndRepositories() {
        try (ConfigurableApplicationContext context = run(InventoryApplication.class,
                "apscheduler.jobstores.default.type=jpa")) {
            assertThat(entities(context)).contains(Item.class, ApschedulerJobEntity.class);
            ItemRepository items = context.getBean(ItemRepository.class);
            items.save(new Item("bolt"));
            assertThat(items.findByName("bolt")).isPresent();
            storeAndFindAJob(context);
        }
    }

    @Test
    void applicationWithEntityScanAndNoRepositoriesKeepsItsEntities() {
        try (ConfigurableApplicationContext context = run(EntityScanApplication.class,
                "apscheduler.jobstores.default.type=jpa",
                "spring.autoconfigure.exclude=org.springframework.boot.data.jpa.autoconfigure."
                        + "DataJpaRepositoriesAutoConfiguration")) {
            assertThat(context.getBeanNamesForType(ItemRepository.class)).isEmpty();
            assertThat(entities(context)).contains(Item.class, ApschedulerJobEntity.class);
            EntityManagerFactory entityManagerFactory = context.getBean(EntityManagerFactory.class);
            EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
            Long id = new TransactionTemplate(new JpaTransactionManager(entityManagerFactory)).execute((status) -> {
                Item item = new Item("nut");
                entityManager.persist(item);
                return item.getId();
            });
            assertThat(entityManagerFactory.createEntityManager().find(Item.class, id).getName()).isEqualTo("nut");
            storeAndFindAJob(context);
        }
    }

    @Test
    void applicationWithoutAJpaStoreGetsNoStoreEntity() {
        try (ConfigurableApplicationContext context = run(InventoryApplication.class,
                "apscheduler.jobstores.default.type=memory")) {
            assertThat(entities(context)).contains(Item.class).doesNotContain(ApschedulerJobEntity.class);
        }
    }

}
