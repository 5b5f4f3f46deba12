package dev.chorus.sfu.conference;

import java.util.Arrays;

/** The copy-on-write arrays the packet thread reads without a lock: each change is a new array. */
final class CopyOnWrite {

  private CopyOnWrite() {
  }

  static <T> T[] with(T[] array, T item) {
    T[] next = Arrays.copyOf(array, array.length + 1);
    next[array.length] = item;
    return next;
  }

  /** The array without {@code item}; the same array when it is not in it. */
  static <T> T[] without(T[] array, T item) {
    int at = Arrays.asList(array).indexOf(item);
    if (at < 0) {
      return array;
    }
    T[] next = Arrays.copyOf(array, array.length - 1);
    System.arraycopy(array, at + 1, next, at, array.length - at - 1);
    return next;
  }
}
