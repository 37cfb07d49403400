package dev.apscheduler.spring.boot.process.app;

/**
 * A dependency of the task.
 */
public class Greeter {

    public String greet(String name) {
        return "Hello, " + name + System.getProperty("greeting.suffix", "");
    }

}
