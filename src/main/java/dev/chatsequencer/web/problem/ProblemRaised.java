package dev.chatsequencer.web.problem;

/**
 * Published for every problem response, so that a feature can count the rejections of its own routes without the
 * web layer knowing any feature.
 *
 * @param method the request's HTTP method
 * @param path the request's path, as received
 * @param type the problem type's last segment, e.g. {@code invalid-request}
 */
public record ProblemRaised(String method, String path, String type) {
}
