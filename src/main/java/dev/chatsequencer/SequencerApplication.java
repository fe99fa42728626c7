package dev.chatsequencer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of chat-sequencer: one atomic sequence counter per chat conversation; scheduling is app-wide. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SequencerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SequencerApplication.class, args);
    }
}
