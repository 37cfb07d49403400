package dev.apscheduler.testapp.scanned;

import dev.apscheduler.testapp.inventory.Item;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;

/**
 * An application that names its entity packages with {@code @EntityScan} and uses no Spring Data repositories.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = Item.class)
public class EntityScanApplication {

}
