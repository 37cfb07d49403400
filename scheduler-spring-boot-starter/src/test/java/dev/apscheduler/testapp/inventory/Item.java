package dev.apscheduler.testapp.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * An application's own entity, in a package of its own.
 */
@Entity
public class Item {

    @Id
    @GeneratedValue
    private Long id;

    private String name;

    protected Item() {
    }

    public Item(String name) {
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

}
