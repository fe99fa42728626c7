package dev.chatsequencer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of chat-sequencer: one atomic sequence counter per chat conversation. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SequencerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SequencerApplication.class, args);
    }
}
