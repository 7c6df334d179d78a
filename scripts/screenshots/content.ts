/**
 * What the README pictures show, per language: the questions a person asks, the answers the
 * stand-in streams back (the product renders them exactly as it would a chatgpt.com answer), and
 * the article the selection is made on.
 */
export type ShotLocale = 'en' | 'zh-CN'

export interface ShotContent {
  popup: { question: string; answer: string }
  article: { title: string; lead: string; paragraph: string; after: string }
  selection: { answer: string }
  omnibox: { question: string; answer: string }
}

/** The popup answer's code block: the same program in both languages. */
const WORD_COUNT_CODE = [
  '```python',
  'from collections import Counter',
  'import re',
  '',
  'with open("book.txt", encoding="utf-8") as f:',
  '    words = re.findall(r"\\w+", f.read().lower())',
  '',
  'for word, count in Counter(words).most_common(5):',
  '    print(f"{word:>10} {count}")',
  '```',
]

export const CONTENT: Record<ShotLocale, ShotContent> = {
  en: {
    popup: {
      question: 'How do I count word frequencies in a text file with Python?',
      answer: [
        'Use `collections.Counter` on the words of the file:',
        '',
        ...WORD_COUNT_CODE,
        '',
        '`most_common(5)` returns the five **most frequent** words with their counts.',
      ].join('\n'),
    },
    article: {
      title: 'How cells make energy',
      lead: 'Every cell in your body needs a steady supply of energy to stay alive.',
      paragraph:
        'Mitochondria turn the sugar and oxygen we take in into adenosine triphosphate (ATP), the molecule that powers almost everything a cell does, through a chain of reactions called cellular respiration.',
      after: 'Cells that work hard, like muscle and nerve cells, can contain thousands of mitochondria each.',
    },
    selection: {
      answer: [
        '**In short:** mitochondria are the cell’s power plants.',
        '',
        '- They take in **glucose** and **oxygen** from food and breathing.',
        '- Through *cellular respiration* they convert them into **ATP**, a small molecule that stores energy.',
        '- The cell spends ATP on nearly everything: moving, building proteins, sending signals.',
        '',
        'That is why busy cells, such as muscle cells, have so many of them.',
      ].join('\n'),
    },
    omnibox: {
      question: 'difference between let and const in JavaScript',
      answer: [
        'Both declare **block-scoped** variables; the difference is reassignment.',
        '',
        '| | `let` | `const` |',
        '|---|---|---|',
        '| Reassign | yes | no |',
        '| Must be initialised | no | yes |',
        '| Object contents mutable | yes | yes |',
        '',
        '```js',
        'const user = { name: "Ada" }',
        'user.name = "Grace" // fine: the object changes',
        'user = {}           // TypeError: assignment to constant',
        '```',
        '',
        'Prefer `const` by default and use `let` only when the value must change.',
      ].join('\n'),
    },
  },
  'zh-CN': {
    popup: {
      question: '如何用 Python 统计文本文件中的词频？',
      answer: [
        '可以用 `collections.Counter` 统计文件中的单词：',
        '',
        ...WORD_COUNT_CODE,
        '',
        '`most_common(5)` 会返回出现次数**最多**的五个词及其次数。',
      ].join('\n'),
    },
    article: {
      title: '细胞如何产生能量',
      lead: '我们身体里的每一个细胞都需要持续的能量供应才能存活。',
      paragraph: '线粒体通过一系列称为细胞呼吸的化学反应，把我们摄入的糖和氧气转化为三磷酸腺苷（ATP），这种分子为细胞的几乎所有活动提供能量。',
      after: '肌肉细胞和神经细胞等工作繁重的细胞，每个都可能含有成千上万个线粒体。',
    },
    selection: {
      answer: [
        '**简单来说**：线粒体是细胞的“发电厂”。',
        '',
        '- 它们利用来自食物和呼吸的**葡萄糖**和**氧气**。',
        '- 通过*细胞呼吸*，把它们转化为储存能量的小分子 **ATP**。',
        '- 细胞的几乎所有活动都要消耗 ATP：运动、合成蛋白质、传递信号。',
        '',
        '所以像肌肉细胞这样繁忙的细胞，线粒体特别多。',
      ].join('\n'),
    },
    omnibox: {
      question: 'JavaScript 中 let 和 const 的区别',
      answer: [
        '两者都声明**块级作用域**变量，区别在于能否重新赋值。',
        '',
        '| | `let` | `const` |',
        '|---|---|---|',
        '| 可重新赋值 | 是 | 否 |',
        '| 必须初始化 | 否 | 是 |',
        '| 对象内容可修改 | 是 | 是 |',
        '',
        '```js',
        'const user = { name: "Ada" }',
        'user.name = "Grace" // 可以：修改的是对象内容',
        'user = {}           // TypeError：不能给常量重新赋值',
        '```',
        '',
        '默认使用 `const`，只有值需要改变时才用 `let`。',
      ].join('\n'),
    },
  },
}
