import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChatState } from '../chat/chatState';
import { messageOf } from '../room/useRoom';

interface Props {
  chat: ChatState;
  canModerate: boolean;
  disabled: boolean;
  onSend: (text: string) => Promise<void>;
  onLoadOlder: () => Promise<void>;
  onDelete: (messageId: string) => void;
}

export function ChatPanel({ chat, canModerate, disabled, onSend, onLoadOlder, onDelete }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const newest = chat.messages[chat.messages.length - 1]?.id;

  // Follow new messages, unless the person scrolled up to read older ones.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 120) list.scrollTop = list.scrollHeight;
  }, [newest]);

  async function send(e: FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    setError(null);
    try {
      await onSend(body);
      setText('');
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <aside className="chat card" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat</h2>
      {chat.olderCursor && (
        <button type="button" className="link" onClick={() => void onLoadOlder()}>
          Load older messages
        </button>
      )}
      <ol ref={listRef} className="messages" role="log" aria-live="polite" aria-label="Chat messages">
        {chat.loaded && chat.messages.length === 0 && <li className="muted">No messages yet.</li>}
        {chat.messages.map((m) => (
          <li key={m.id} className="message">
            <p>
              <span className="author">{m.authorName}</span> <span className="text">{m.text}</span>
            </p>
            {canModerate && (
              <button type="button" className="icon small" aria-label={`Delete message from ${m.authorName}`} onClick={() => onDelete(m.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      <form onSubmit={send} className="row">
        <label className="visually-hidden" htmlFor="chat-input">
          Message
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={1000}
          placeholder="Say something…"
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={disabled || !text.trim()}>
          Send
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </aside>
  );
}
