package org.tuskdb.sql.internal.tsearch;

import java.util.Set;

/**
 * The stop words of the english_stem dictionary: the words to_tsvector('english', ...) drops
 * (they still take a position). The list was found by running common English function words
 * through PostgreSQL 15's to_tsvector('english', w) and keeping those it dropped.
 */
final class EnglishStopWords {
    private EnglishStopWords() {}

    static final Set<String> WORDS = Set.of(
        // pronouns and their forms
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those",
        // be, have, do
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did",
        "doing",
        // articles, conjunctions, prepositions
        "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
        "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from",
        "up", "down", "in", "out", "on", "off", "over", "under",
        // adverbs and determiners
        "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each",
        "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too",
        "very",
        // contraction remnants and a few modals
        "s", "t", "can", "will", "just", "don", "should", "now");

    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
