//! People quoted in an article: speakers of an interview page and officials named
//! with their role in running text.

use super::text::{has_prose_punct, looks_like_name};
use super::{Body, Person};

/// Titles that end a role: the name follows them (`大气科科长裴国欣`).
const TITLES: [&str; 42] = [
    "副总经理",
    "总经理",
    "董事长",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副科长",
    "科长",
    "副处长",
    "处长",
    "副书记",
    "书记",
    "副队长",
    "队长",
    "副院长",
    "院长",
    "所长",
    "站长",
    "部长",
    "厅长",
    "县长",
    "市长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "主席",
    "总裁",
    "经理",
    "负责人",
    "总监",
    "秘书长",
    "教授",
    "研究员",
    "工程师",
    "专家",
    "市民",
    "村民",
    "居民",
    "代表",
    "委员",
];

/// Verbs that follow a quoted person's name.
const SPEECH_VERBS: [&str; 9] = [
    "表示", "说", "介绍", "指出", "强调", "认为", "坦言", "谈到", "告诉",
];

/// People quoted: a speaker (`晋中市生态环境局大气科科长裴国欣:` at the start of a
/// paragraph) or a role and name before a verb of speech (`局长李学文表示`), or before a
/// name the text repeats. The role runs back to the previous punctuation (、 included).
pub fn people(body: &[Body]) -> Vec<Person> {
    let text: String = body
        .iter()
        .filter_map(|b| match b {
            Body::Para(t, _) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut found: Vec<Person> = Vec::new();
    let mut add = |name: &str, role: &str| {
        if !found.iter().any(|p| p.name == name) {
            found.push(Person {
                name: name.to_owned(),
                role: role.to_owned(),
            });
        }
    };
    for b in body {
        let Body::Para(para, _) = b else { continue };
        if let Some((name, role)) = speaker(para) {
            add(&name, &role);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for title in TITLES {
        let t: Vec<char> = title.chars().collect();
        let mut i = 0;
        while i + t.len() <= chars.len() {
            if chars[i..i + t.len()] != t[..] {
                i += 1;
                continue;
            }
            let end = i + t.len();
            let name = [3, 2].into_iter().find_map(|n| {
                let name: String = chars.get(end..end + n)?.iter().collect();
                let after: String = chars[end + n..].iter().take(2).collect();
                let spoken = SPEECH_VERBS.iter().any(|v| after.starts_with(v));
                let repeated = text.matches(name.as_str()).count() >= 2;
                (looks_like_name(&name) && (spoken || repeated)).then_some(name)
            });
            if let Some(name) = name {
                let start = chars[..i]
                    .iter()
                    .rposition(|c| "，。；：！？“”‘’（）《》\n ".contains(*c))
                    .map_or(0, |p| p + 1);
                let role: String = chars[start..end].iter().collect();
                add(&name, &role);
            }
            i = end;
        }
    }
    found
}

/// `晋中市生态环境局大气科科长裴国欣：…` → (裴国欣, 晋中市生态环境局大气科科长).
fn speaker(para: &str) -> Option<(String, String)> {
    let colon = para.char_indices().take(50).find(|(_, c)| *c == '：')?.0;
    let prefix = &para[..colon];
    if has_prose_punct(prefix.trim_end_matches('、')) && prefix.contains(['，', '。']) {
        return None;
    }
    let chars: Vec<char> = prefix.chars().collect();
    [3, 2].into_iter().find_map(|n| {
        let split = chars.len().checked_sub(n)?;
        let name: String = chars[split..].iter().collect();
        let role: String = chars[..split].iter().collect();
        (looks_like_name(&name) && TITLES.iter().any(|t| role.ends_with(t))).then_some((name, role))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_in_running_text_before_a_verb_of_speech() {
        let body = vec![Body::Para(
            "“今年的工作很重要。”晋中市生态环境局平遥分局党组书记、局长武青壮表示，将扎实开展工作。".into(),
            1,
        )];
        let p = people(&body);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "武青壮");
        assert_eq!(p[0].role, "晋中市生态环境局平遥分局党组书记、局长");
    }
}
