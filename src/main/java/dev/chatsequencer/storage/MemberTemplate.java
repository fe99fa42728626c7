package dev.chatsequencer.storage;

/** A stored member without its seq, which only the script knows: {@code beforeSeq + seq + afterSeq}. */
public record MemberTemplate(String beforeSeq, String afterSeq) {

    /** The member as stored at {@code seq}. */
    public String withSeq(long seq) {
        return beforeSeq + seq + afterSeq;
    }
}
