package dev.apscheduler.testapp.inventory;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * An application's Spring Data repository.
 */
public interface ItemRepository extends JpaRepository<Item, Long> {

    Optional<Item> findByName(String name);

}
