package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Templates as shipped in the models' tokenizer_config.json; expected strings rendered by Jinja2 3.1 as transformers does. */
class ChatTemplateTest {
    /** Qwen2-Instruct (ChatML). */
    static final String CHATML = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
            + "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** Meta-Llama-3-8B-Instruct. */
    static final String LLAMA3 = "{% set loop_messages = messages %}{% for message in loop_messages %}"
            + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim"
            + " + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    /** Mistral-7B-Instruct-v0.1. */
    static final String MISTRAL = "{{ bos_token }}{% for message in messages %}"
            + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            + "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
            + "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}"
            + "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}";

    /** zephyr-7b-beta: multi-line, relies on trim_blocks and lstrip_blocks. */
    static final String ZEPHYR = "{% for message in messages %}\n{% if message['role'] == 'user' %}\n"
            + "{{ '<|user|>\\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n"
            + "{{ '<|system|>\\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'assistant' %}\n"
            + "{{ '<|assistant|>\\n'  + message['content'] + eos_token }}\n{% endif %}\n"
            + "{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}";

    /** Llama-3.1-Instruct style: whitespace control ({@code {%-}, {{-}), slicing and reassigning {@code messages}. */
    static final String LLAMA31 = "{{- bos_token }}\n{%- if messages[0]['role'] == 'system' %}\n"
            + "    {%- set system_message = messages[0]['content']|trim %}\n    {%- set messages = messages[1:] %}\n"
            + "{%- else %}\n    {%- set system_message = \"\" %}\n{%- endif %}\n"
            + "{{- \"<|start_header_id|>system<|end_header_id|>\\n\\n\" }}\n{{- system_message }}\n{{- \"<|eot_id|>\" }}\n"
            + "{%- for message in messages %}\n"
            + "    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}\n"
            + "{%- endfor %}\n{%- if add_generation_prompt %}\n"
            + "    {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}\n{%- endif %}\n";

    @Test
    void llama31WhitespaceControlAndSlicing() {
        ChatTemplate t = ChatTemplate.of(LLAMA31, "<|begin_of_text|>", "<|eot_id|>");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                t.render(List.of(ChatMessage.system(" Be brief. "), ChatMessage.user("Hi")), true));
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
                t.render(List.of(ChatMessage.user("Hi")), false));
    }

    static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("  What is 2+2?\n"), ChatMessage.assistant("4"), ChatMessage.user("And 3+3?"));

    @Test
    void chatMl() {
        ChatTemplate t = ChatTemplate.of(CHATML, "", "<|im_end|>");
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n  What is 2+2?\n<|im_end|>\n"
                + "<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n",
                t.render(CONVERSATION, true));
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n",
                t.render(List.of(ChatMessage.user("Hi")), false));
    }

    @Test
    void llama3() {
        ChatTemplate t = ChatTemplate.of(LLAMA3, "<|begin_of_text|>", "<|eot_id|>");
        String body = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>";
        assertEquals(body + "<|start_header_id|>assistant<|end_header_id|>\n\n", t.render(CONVERSATION, true));
        assertEquals(body, t.render(CONVERSATION, false));
    }

    @Test
    void mistral() {
        ChatTemplate t = ChatTemplate.of(MISTRAL, "<s>", "</s>");
        assertEquals("<s>[INST]   What is 2+2?\n [/INST]4</s>[INST] And 3+3? [/INST]",
                t.render(CONVERSATION.subList(1, 4), true));
    }

    @Test
    void zephyrWhitespaceControl() {
        ChatTemplate t = ChatTemplate.of(ZEPHYR, "<s>", "</s>");
        String body = "<|system|>\nBe brief.</s>\n<|user|>\n  What is 2+2?\n</s>\n<|assistant|>\n4</s>\n<|user|>\nAnd 3+3?</s>\n";
        assertEquals(body + "<|assistant|>\n", t.render(CONVERSATION, true));
        assertEquals(body, t.render(CONVERSATION, false));
    }

    @Test
    void raiseExceptionAbortsWithTheTemplatesMessage() {
        ChatTemplate t = ChatTemplate.of(MISTRAL, "<s>", "</s>");
        ChatTemplateException alternate = assertThrows(ChatTemplateException.class,
                () -> t.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), true));
        assertTrue(alternate.getMessage().contains("Conversation roles must alternate user/assistant"), alternate.getMessage());
        ChatTemplateException system = assertThrows(ChatTemplateException.class, () -> t.render(CONVERSATION, true));
        assertTrue(system.getMessage().contains("Conversation roles must alternate"), system.getMessage());
        ChatTemplateException role = assertThrows(ChatTemplateException.class,
                () -> t.render(List.of(ChatMessage.user("a"), new ChatMessage("tool", "b")), true));
        assertTrue(role.getMessage().contains("Only user and assistant roles are supported!"), role.getMessage());
    }

    @Test
    void brokenTemplateIsAClearError() {
        ChatTemplate t = ChatTemplate.of("{% for m in messages %}{{ m['content'] }", "", "");
        assertThrows(ChatTemplateException.class, () -> t.render(List.of(ChatMessage.user("x")), false));
    }
}
