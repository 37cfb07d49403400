package dev.apscheduler.testapp.inventory;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with its own entity and Spring Data repository, found from its own package.
 */
@SpringBootApplication
public class InventoryApplication {

}
