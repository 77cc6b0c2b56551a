<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CloseGuard</name>
    <message>
        <source>Stopping the run before quitting…</source>
        <translation>끝내기 전에 실행을 멈추는 중…</translation>
    </message>
    <message>
        <source>The new weights from training are not kept yet.</source>
        <translation>학습으로 만든 새 가중치를 아직 유지하지 않았습니다.</translation>
    </message>
    <message>
        <source>The fine-tuned weights are not kept yet.</source>
        <translation>미세 조정한 가중치를 아직 유지하지 않았습니다.</translation>
    </message>
    <message>
        <source>The weights changed by your training steps are not kept yet.</source>
        <translation>학습 스텝으로 바뀐 가중치를 아직 유지하지 않았습니다.</translation>
    </message>
    <message>
        <source>Quit LeNet GUI</source>
        <translation>LeNet GUI 끝내기</translation>
    </message>
    <message>
        <source>Keep the new weights before quitting?</source>
        <translation>끝내기 전에 새 가중치를 유지할까요?</translation>
    </message>
    <message>
        <source>Keep them (saved in your weights folder) or discard them before quitting? They are in use now.</source>
        <translation>끝내기 전에 유지할까요(가중치 폴더에 저장), 버릴까요? 지금 사용 중인 가중치입니다.</translation>
    </message>
    <message>
        <source>&amp;Keep and quit</source>
        <translation>유지하고 끝내기(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Discard and quit</source>
        <translation>버리고 끝내기(&amp;D)</translation>
    </message>
    <message>
        <source>Saving the new weights before quitting…</source>
        <translation>끝내기 전에 새 가중치를 저장하는 중…</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>These weights could not be compared</source>
        <translation>이 가중치는 비교할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare two networks</source>
        <translation>두 신경망 비교</translation>
    </message>
    <message>
        <source>Answers and disagreements</source>
        <translation>답과 서로 다른 답</translation>
    </message>
    <message>
        <source>Both networks&apos; answers to your drawing, and the digits they read differently</source>
        <translation>그림에 대한 두 신경망의 답, 그리고 두 신경망이 다르게 읽은 숫자</translation>
    </message>
    <message>
        <source>Filters and feature maps</source>
        <translation>필터와 특징 맵</translation>
    </message>
    <message>
        <source>What each network has learned, and what it makes of your drawing</source>
        <translation>각 신경망이 배운 것과 그림에서 계산한 것</translation>
    </message>
    <message>
        <source>Compare weights from a file</source>
        <translation>파일의 가중치와 비교</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt *.pth);;All files (*)</source>
        <translation>PyTorch 가중치 (*.pt *.pth);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>The network is still loading; try again in a moment.</source>
        <translation>신경망을 아직 불러오는 중입니다. 잠시 뒤에 다시 해 보세요.</translation>
    </message>
    <message>
        <source>Weights in use</source>
        <translation>지금 쓰는 가중치</translation>
    </message>
    <message>
        <source>Reading the weights…</source>
        <translation>가중치를 읽는 중…</translation>
    </message>
    <message>
        <source>Checking on the test digits…</source>
        <translation>테스트 숫자로 확인하는 중…</translation>
    </message>
    <message>
        <source>These weights could not be read; the network keeps the ones before.</source>
        <translation>이 가중치를 읽을 수 없어 신경망은 이전 가중치를 그대로 씁니다.</translation>
    </message>
    <message>
        <source>Draw a digit on the canvas.</source>
        <translation>캔버스에 숫자를 그리세요.</translation>
    </message>
    <message>
        <source>Network {name}</source>
        <translation>신경망 {name}</translation>
    </message>
    <message>
        <source>Probabilities of network {name}</source>
        <translation>신경망 {name}의 확률</translation>
    </message>
    <message>
        <source>Says {digit} ({percent}%)</source>
        <translation>답: {digit} ({percent}%)</translation>
    </message>
    <message>
        <source>The MNIST test digits are not on disk, so the accuracies are unknown: put MNIST in {folder} (Train offers to download it).</source>
        <translation>MNIST 테스트 숫자가 디스크에 없어 정확도를 알 수 없습니다. MNIST를 {folder}에 넣으세요(학습을 누르면 내려받기를 제안합니다).</translation>
    </message>
    <message>
        <source>{percent}% of {total} MNIST test digits right</source>
        <translation>MNIST 테스트 숫자 {total}개 중 {percent}% 정답</translation>
    </message>
    <message>
        <source>Accuracy unknown: no MNIST test digits</source>
        <translation>정확도 알 수 없음: MNIST 테스트 숫자 없음</translation>
    </message>
</context>
<context>
    <name>ConfusionGallery</name>
    <message>
        <source>Click a cell of the confusion matrix (Training panel) to see its test digits.</source>
        <translation>혼동 행렬(학습 패널)의 칸을 클릭하면 그 칸의 테스트 숫자를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Finding the test digits {t} that the network reads as {s}…</source>
        <translation>신경망이 {s}(으)로 읽는 테스트 숫자 {t}을(를) 찾는 중…</translation>
    </message>
    <message>
        <source>Could not list them: {why}</source>
        <translation>목록을 만들지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>Test digit #{i}: click to open it on the canvas</source>
        <translation>테스트 숫자 #{i}: 클릭하면 캔버스에서 열립니다</translation>
    </message>
    <message>
        <source>read right</source>
        <translation>맞게 읽음</translation>
    </message>
    <message>
        <source>mistaken</source>
        <translation>틀리게 읽음</translation>
    </message>
    <message>
        <source>No test digit {t} is read as {s} with the weights in use.</source>
        <translation>지금 가중치로는 {s}(으)로 읽히는 테스트 숫자 {t}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>One test digit {t} is read as {s} ({kind}) with these weights; click it to open it. Under it: its true digit → what the network said (how sure it was).</source>
        <translation>지금 가중치로 {s}(으)로 읽히는 테스트 숫자 {t}이(가) 하나 있습니다({kind}). 클릭하면 열립니다. 그림 아래: 실제 숫자 → 신경망의 답(확신도).</translation>
    </message>
    <message>
        <source>{n} test digits {t} are read as {s} ({kind}) with these weights, surest first; click one to open it. Under each: its true digit → what the network said (how sure it was).</source>
        <translation>지금 가중치로 {s}(으)로 읽히는 테스트 숫자 {t}이(가) {n}개 있습니다({kind}). 확신도가 높은 것부터 보여 주며, 클릭하면 열립니다. 그림마다 아래: 실제 숫자 → 신경망의 답(확신도).</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <source>MNIST is not on this computer: generating digits to practise on instead…</source>
        <translation>이 컴퓨터에 MNIST가 없습니다. 대신 연습할 숫자를 만들어 내는 중…</translation>
    </message>
    <message>
        <source>Measuring the current weights on the MNIST test set…</source>
        <translation>지금 가중치를 MNIST 테스트 세트로 재는 중…</translation>
    </message>
    <message>
        <source>Fine-tuning on {count} of your examples…</source>
        <translation>내 예시 {count}개로 미세 조정하는 중…</translation>
    </message>
    <message>
        <source>Measuring the new weights on the MNIST test set…</source>
        <translation>새 가중치를 MNIST 테스트 세트로 재는 중…</translation>
    </message>
    <message>
        <source>Checking on drawings the network did not train on…</source>
        <translation>신경망이 학습하지 않은 그림으로 확인하는 중…</translation>
    </message>
    <message>
        <source>MNIST is not on this computer, so MNIST accuracy could not be checked; {count} generated digits stood in for it during fine-tuning.</source>
        <translation>이 컴퓨터에 MNIST가 없어 MNIST 정확도는 확인하지 못했습니다. 미세 조정하는 동안에는 만들어 낸 숫자 {count}개가 MNIST를 대신했습니다.</translation>
    </message>
    <message>
        <source>Stopped before MNIST accuracy after fine-tuning was measured.</source>
        <translation>미세 조정 뒤의 MNIST 정확도를 재기 전에 멈췄습니다.</translation>
    </message>
    <message>
        <source>Stopped before accuracy on your unseen drawings was measured.</source>
        <translation>학습에 쓰지 않은 내 그림의 정확도를 재기 전에 멈췄습니다.</translation>
    </message>
    <message>
        <source>Your digits: each of your {count} drawings was read by one of {folds} extra runs that trained without it, before and after; the weights offered trained on all of them.</source>
        <translation>내 숫자: 그림 {count}개 하나하나를, 그 그림 없이 학습한 추가 실행 {folds}번 중 하나가 학습 전과 후에 읽었습니다. 제안된 가중치는 그림 모두로 학습했습니다.</translation>
    </message>
    <message>
        <source>Your digits: {count} of your drawings were left out of an extra run that trained on the other {rest}, and read before and after it; the weights offered trained on all {total}, so this is a cautious estimate of how they will read new drawings.</source>
        <translation>내 숫자: 그림 {count}개를 빼고 나머지 {rest}개로 학습한 추가 실행이 빠진 그림을 학습 전과 후에 읽었습니다. 제안된 가중치는 {total}개 모두로 학습했으므로, 새 그림을 얼마나 잘 읽을지에 대한 조심스러운 추정입니다.</translation>
    </message>
    <message>
        <source>With only {count} examples the accuracy on your drawings is a rough guide.</source>
        <translation>예시가 {count}개뿐이라 내 그림에 대한 정확도는 대강의 참고치입니다.</translation>
    </message>
    <message>
        <source>MNIST accuracy fell by {drop} points, more than the {tolerance} aimed for: consider discarding, or add more varied examples.</source>
        <translation>MNIST 정확도가 {drop}%p 떨어져 목표인 {tolerance}%p보다 많이 떨어졌습니다. 버리거나, 더 다양한 예시를 추가해 보세요.</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>재지 않음</translation>
    </message>
    <message>
        <source>cross-validated over {folds} folds of {count} drawings</source>
        <translation>그림 {count}개를 {folds}겹으로 교차 검증</translation>
    </message>
    <message>
        <source>{count} held-out drawings</source>
        <translation>따로 떼어 둔 그림 {count}개</translation>
    </message>
    <message>
        <source>{count} held-out drawings, one of each digit</source>
        <translation>따로 떼어 둔 그림 {count}개, 숫자마다 하나씩</translation>
    </message>
    <message>
        <source>{count} held-out drawings, one each of {count} digits</source>
        <translation>따로 떼어 둔 그림 {count}개, 숫자 {count}개에 하나씩</translation>
    </message>
</context>
<context>
    <name>CorrectionBar</name>
    <message>
        <source>Correct the prediction</source>
        <translation>예측 바로잡기</translation>
    </message>
    <message>
        <source>That&apos;s wrong, it&apos;s…</source>
        <translation>틀렸어요, 정답은…</translation>
    </message>
    <message>
        <source>That&apos;s wrong, it&apos;s</source>
        <translation>틀렸어요, 정답은</translation>
    </message>
    <message>
        <source>Save the drawing with the right digit, to teach the network your handwriting</source>
        <translation>그림을 올바른 숫자로 저장해 신경망에게 내 손글씨를 가르칩니다</translation>
    </message>
    <message>
        <source>It&apos;s a {digit}</source>
        <translation>{digit}입니다</translation>
    </message>
    <message>
        <source>Save the drawing as a {digit} in My digits (or press {digit} on the canvas)</source>
        <translation>그림을 {digit}(으)로 내 숫자에 저장합니다(캔버스에서 {digit}을(를) 눌러도 됩니다)</translation>
    </message>
    <message>
        <source>Add as example</source>
        <translation>예시로 추가</translation>
    </message>
    <message>
        <source>Saved example</source>
        <translation>저장한 예시</translation>
    </message>
    <message>
        <source>What happened to the last drawing you saved</source>
        <translation>마지막으로 저장한 그림이 어떻게 되었는지</translation>
    </message>
    <message>
        <source>Draw a digit first; when the network reads it right, save it as it is</source>
        <translation>먼저 숫자를 그리세요. 신경망이 맞게 읽으면 그대로 저장합니다</translation>
    </message>
    <message>
        <source>Add as example of {digit}</source>
        <translation>{digit}의 예시로 추가</translation>
    </message>
    <message>
        <source>It is a {digit}: save the drawing as one, in My digits</source>
        <translation>{digit}이(가) 맞습니다: 그림을 {digit}(으)로 내 숫자에 저장합니다</translation>
    </message>
</context>
<context>
    <name>DisagreementGallery</name>
    <message>
        <source>Choose two networks: the digits they read differently appear here.</source>
        <translation>두 신경망을 고르세요. 두 신경망이 다르게 읽은 숫자가 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Comparing on the test digits</source>
        <translation>테스트 숫자로 비교하는 중</translation>
    </message>
    <message>
        <source>Digits the two networks read differently</source>
        <translation>두 신경망이 다르게 읽은 숫자</translation>
    </message>
    <message>
        <source>Comparing the two networks on the test digits…</source>
        <translation>테스트 숫자로 두 신경망을 비교하는 중…</translation>
    </message>
    <message>
        <source>The two networks could not be compared: {why}</source>
        <translation>두 신경망을 비교할 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>They give the same answer on every test digit.</source>
        <translation>모든 테스트 숫자에서 같은 답을 냈습니다.</translation>
    </message>
    <message numerus="yes">
        <source>They read %Ln of the test digits differently.</source>
        <translation>
            <numerusform>테스트 숫자 %Ln개를 서로 다르게 읽었습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They disagree on %Ln of your My digits examples (shown first).</source>
        <translation>
            <numerusform>내 숫자 예시 %Ln개에서 답이 다릅니다(맨 앞에 보입니다).</numerusform>
        </translation>
    </message>
    <message>
        <source>They agree on all your My digits examples.</source>
        <translation>내 숫자 예시에서는 모두 같은 답을 냈습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Here are the %n where both are surest.</source>
        <translation>
            <numerusform>둘 다 가장 확신한 %n개를 보여 줍니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Under each: the true digit → A&apos;s answer · B&apos;s answer. Click one to draw it.</source>
        <translation>각 숫자 아래: 정답 → A의 답 · B의 답. 하나를 누르면 캔버스에 놓입니다.</translation>
    </message>
    <message>
        <source>{true} → A {a} · B {b}</source>
        <translation>{true} → A {a} · B {b}</translation>
    </message>
    <message>
        <source>A says {a} ({pa}%), B says {b} ({pb}%).</source>
        <translation>A는 {a}({pa}%), B는 {b}({pb}%)(이)라고 답했습니다.</translation>
    </message>
    <message>
        <source>Your example of a {true}.</source>
        <translation>내가 만든 {true}의 예시입니다.</translation>
    </message>
    <message>
        <source>Test digit #{index}, a {true}.</source>
        <translation>테스트 숫자 #{index}, 정답 {true}.</translation>
    </message>
    <message>
        <source>Click to open it on the canvas.</source>
        <translation>누르면 캔버스에 엽니다.</translation>
    </message>
</context>
<context>
    <name>DrawingArea</name>
    <message>
        <source>Pen width</source>
        <translation>펜 굵기</translation>
    </message>
    <message>
        <source>Pen width ([ thinner, ] thicker)</source>
        <translation>펜 굵기([ 가늘게, ] 굵게)</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>펜</translation>
    </message>
    <message>
        <source>Pen width label</source>
        <translation>펜 굵기 표시</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>지우개</translation>
    </message>
    <message>
        <source>Erase instead of drawing (E); the right mouse button always erases</source>
        <translation>그리는 대신 지웁니다(E). 마우스 오른쪽 버튼은 언제나 지웁니다</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc or Delete)</source>
        <translation>캔버스를 모두 지웁니다(Esc 또는 Delete)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Drawing canvas</source>
        <translation>그리기 캔버스</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse, a pen or a finger; the prediction updates live.</source>
        <translation>마우스, 펜이나 손가락으로 숫자를 그리세요. 그리는 동안 예측이 바로 바뀝니다.</translation>
    </message>
    <message>
        <source>Draw a digit here (left button). Esc clears, Ctrl+Z undoes a stroke.</source>
        <translation>여기에 숫자를 그리세요(왼쪽 버튼). Esc는 모두 지우고, Ctrl+Z는 획 하나를 되돌립니다.</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>open image</source>
        <translation>이미지 열기</translation>
    </message>
    <message>
        <source>open drawing</source>
        <translation>그림 열기</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>숫자를 그려 보세요</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>This file is not a PyTorch weights file of LeNet.</source>
        <translation>이 파일은 LeNet의 PyTorch 가중치 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>This weights file is damaged or incomplete (an interrupted download or copy?).</source>
        <translation>이 가중치 파일은 손상되었거나 일부가 빠져 있습니다(내려받기나 복사가 중간에 끊겼나요?).</translation>
    </message>
    <message>
        <source>These weights were made for another network, not this LeNet.</source>
        <translation>이 가중치는 이 LeNet이 아닌 다른 신경망을 위해 만들어졌습니다.</translation>
    </message>
    <message>
        <source>This file was refused: it carries code that a weights file never needs (nothing in it was run).</source>
        <translation>이 파일은 거부했습니다: 가중치 파일에는 필요 없는 코드가 들어 있습니다(아무것도 실행하지 않았습니다).</translation>
    </message>
    <message>
        <source>MNIST is not on disk and could not be downloaded (offline?). The details say where to put its four files.</source>
        <translation>MNIST가 디스크에 없고 내려받지도 못했습니다(오프라인인가요?). 파일 네 개를 어디에 두어야 하는지는 자세한 내용에 있습니다.</translation>
    </message>
    <message>
        <source>This file could not be read as a picture.</source>
        <translation>이 파일을 그림으로 읽을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ExampleGrid</name>
    <message>
        <source>Saved examples</source>
        <translation>저장한 예시</translation>
    </message>
    <message>
        <source>Your saved drawings. Select and press Delete to delete, a digit key to relabel, Enter to open; right-click for more.</source>
        <translation>저장한 그림입니다. 선택한 뒤 Delete를 누르면 삭제, 숫자 키를 누르면 레이블 변경, Enter를 누르면 열기입니다. 오른쪽 클릭으로 더 많은 기능을 쓸 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>ExampleSaver</name>
    <message>
        <source>It doesn&apos;t look like a digit to the network: if it is one, press its key to save it.</source>
        <translation>신경망이 보기에는 숫자 같지 않습니다. 숫자가 맞다면 그 숫자 키를 눌러 저장하세요.</translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation>먼저 숫자를 그리세요.</translation>
    </message>
    <message>
        <source>Nothing to save: draw a digit first, then press its key.</source>
        <translation>저장할 것이 없습니다: 먼저 숫자를 그린 다음 그 숫자 키를 누르세요.</translation>
    </message>
    <message>
        <source>Nothing to save: there is no digit in this picture.</source>
        <translation>저장할 것이 없습니다: 이 그림에는 숫자가 없습니다.</translation>
    </message>
    <message>
        <source>Saved as a {label} — 1 example of {label}</source>
        <translation>{label}(으)로 저장했습니다 — {label}의 예시 1개</translation>
    </message>
    <message>
        <source>Saved as a {label} — {count} examples of {label}</source>
        <translation>{label}(으)로 저장했습니다 — {label}의 예시 {count}개</translation>
    </message>
    <message>
        <source> (Ctrl+Z brings the drawing back)</source>
        <translation> (Ctrl+Z를 누르면 그림이 돌아옵니다)</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>저장하지 못했습니다: {message}</translation>
    </message>
</context>
<context>
    <name>ExamplesPanel</name>
    <message>
        <source>No examples yet: draw a digit and press a digit key to save it as that digit (or use “That&apos;s wrong, it&apos;s…” next to the prediction).</source>
        <translation>아직 예시가 없습니다: 숫자를 그리고 숫자 키를 누르면 그 숫자로 저장됩니다(예측 옆의 “틀렸어요, 정답은…”을 써도 됩니다).</translation>
    </message>
    <message>
        <source>No examples yet</source>
        <translation>아직 예시가 없습니다</translation>
    </message>
    <message>
        <source>How to save your first examples</source>
        <translation>첫 예시를 저장하는 방법</translation>
    </message>
    <message>
        <source>Deleted examples</source>
        <translation>삭제한 예시</translation>
    </message>
    <message>
        <source>What was just deleted</source>
        <translation>방금 삭제한 것</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>삭제 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>삭제 취소</translation>
    </message>
    <message>
        <source>Bring the deleted examples back</source>
        <translation>삭제한 예시를 되살립니다</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete selected examples</source>
        <translation>선택한 예시 삭제</translation>
    </message>
    <message>
        <source>Delete the selected examples (Delete)</source>
        <translation>선택한 예시를 삭제합니다(Delete)</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>레이블 바꾸기</translation>
    </message>
    <message>
        <source>Relabel selected examples</source>
        <translation>선택한 예시의 레이블 바꾸기</translation>
    </message>
    <message>
        <source>Move the selected examples to another digit</source>
        <translation>선택한 예시를 다른 숫자로 옮깁니다</translation>
    </message>
    <message>
        <source>Relabel the selection as {0} (or press {0} in the grid)</source>
        <translation>선택한 것의 레이블을 {0}(으)로 바꿉니다(격자에서 {0}을(를) 눌러도 됩니다)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Open on the canvas</source>
        <translation>캔버스에서 열기</translation>
    </message>
    <message>
        <source>Put the selected example back on the canvas (Enter)</source>
        <translation>선택한 예시를 캔버스에 다시 올립니다(Enter)</translation>
    </message>
    <message>
        <source>&amp;Import folder…</source>
        <translation>폴더 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Import folder</source>
        <translation>폴더 가져오기</translation>
    </message>
    <message>
        <source>Copy in pictures sorted into digit folders: 0/…png, 1/…png, … (such as an unpacked export)</source>
        <translation>숫자별 폴더로 나뉜 그림을 복사해 옵니다: 0/…png, 1/…png, …(압축을 푼 내보내기 파일 등)</translation>
    </message>
    <message>
        <source>E&amp;xport zip…</source>
        <translation>zip으로 내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>Export zip</source>
        <translation>zip으로 내보내기</translation>
    </message>
    <message>
        <source>Save every example into a zip file, one folder per digit</source>
        <translation>모든 예시를 숫자마다 폴더 하나씩 zip 파일에 저장합니다</translation>
    </message>
    <message>
        <source>My digits message</source>
        <translation>내 숫자 메시지</translation>
    </message>
    <message>
        <source>The result of the last import, export or change</source>
        <translation>마지막 가져오기, 내보내기나 변경의 결과</translation>
    </message>
    <message>
        <source>All
{0}</source>
        <translation>전체
{0}</translation>
    </message>
    <message>
        <source>Show all digits</source>
        <translation>모든 숫자 보기</translation>
    </message>
    <message>
        <source>Show all {0} examples</source>
        <translation>예시 {0}개 모두 보기</translation>
    </message>
    <message>
        <source>Show only {0}s</source>
        <translation>{0}만 보기</translation>
    </message>
    <message>
        <source>{0}: show only these</source>
        <translation>{0}: 이것만 보기</translation>
    </message>
    <message>
        <source>&amp;Open on the canvas</source>
        <translation>캔버스에서 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Relabel it as</source>
        <translation>레이블 바꾸기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Relabel these {0} as</source>
        <translation>이 {0}개의 레이블 바꾸기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete it</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete these {0}</source>
        <translation>이 {0}개 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Deleted {0}.</source>
        <translation>{0}을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <source>{0} could not be deleted (first: {1}: {2}).</source>
        <translation>{0}을(를) 삭제하지 못했습니다(첫 번째: {1}: {2}).</translation>
    </message>
    <message>
        <source>{0} could not be restored (first: {1}: {2}).</source>
        <translation>{0}을(를) 되살리지 못했습니다(첫 번째: {1}: {2}).</translation>
    </message>
    <message>
        <source>{0} could not be relabelled (first: {1}: {2}).</source>
        <translation>{0}의 레이블을 바꾸지 못했습니다(첫 번째: {1}: {2}).</translation>
    </message>
    <message>
        <source>Imported {0}.</source>
        <translation>{0}를 가져왔습니다.</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} 외 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>1 file skipped, not a readable picture of a digit: {names}.</source>
        <translation>숫자 그림으로 읽을 수 없는 파일 1개는 건너뛰었습니다: {names}.</translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped, not readable pictures of a digit: {names}.</source>
        <translation>
            <numerusform>숫자 그림으로 읽을 수 없는 파일 %n개는 건너뛰었습니다: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some pictures were not imported</source>
        <translation>가져오지 못한 그림이 있습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n examples</source>
        <translation>
            <numerusform>예시 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>1 example of {digit}</source>
        <translation>{digit}의 예시 1개</translation>
    </message>
    <message numerus="yes">
        <source>%n examples of {digit}</source>
        <translation>
            <numerusform>{digit}의 예시 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored {0}.</source>
        <translation>{0}을(를) 되살렸습니다.</translation>
    </message>
    <message>
        <source>Relabelled {0} as {1}.</source>
        <translation>{0}의 레이블을 {1}(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <source>Import a folder of digits (0/, 1/, … 9/)</source>
        <translation>숫자 폴더 가져오기(0/, 1/, … 9/)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>{0}을(를) 가져오는 중…</translation>
    </message>
    <message>
        <source>Importing {0}… {1} of {2}</source>
        <translation>{0}을(를) 가져오는 중… {2}개 중 {1}개</translation>
    </message>
    <message>
        <source>Nothing skipped</source>
        <translation>건너뛴 것 없음</translation>
    </message>
    <message>
        <source>Export my digits</source>
        <translation>내 숫자 내보내기</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 압축 파일 (*.zip)</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>{0}(으)로 내보내는 중…</translation>
    </message>
    <message>
        <source>Exported {0} to {1}.</source>
        <translation>{0}을(를) {1}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>fine-tuning goes on with your examples as they were when it started</source>
        <translation>미세 조정은 시작할 때의 예시로 계속됩니다</translation>
    </message>
    <message>
        <source>1 example</source>
        <translation>예시 1개</translation>
    </message>
</context>
<context>
    <name>ExplainDocks</name>
    <message>
        <source>Loading PyTorch for this (a few seconds, once)…</source>
        <translation>이 기능에 필요한 PyTorch를 불러오는 중… (처음 한 번, 몇 초 걸립니다)</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Why did it say that? An overlay on your drawing</source>
        <translation>왜 그렇게 답했을까? 내 그림 위에 겹쳐 보여 줍니다</translation>
    </message>
    <message>
        <source>Poke</source>
        <translation>찔러 보기</translation>
    </message>
    <message>
        <source>What if…: silence, edit and nudge the network</source>
        <translation>만약에…: 신경망의 일부를 끄고, 고치고, 살짝 밀어 봅니다</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>Show why on the canvas</source>
        <translation>캔버스에 이유 보이기</translation>
    </message>
    <message>
        <source>Colour the drawing by how much each part made the network decide</source>
        <translation>그림의 각 부분이 신경망의 판단에 얼마나 기여했는지 색으로 칠합니다</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>돌출 맵(Saliency)</translation>
    </message>
    <message>
        <source>Integrated gradients</source>
        <translation>통합 변화도(Integrated Gradients)</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>가리기(Occlusion)</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>The predicted digit</source>
        <translation>예측한 숫자</translation>
    </message>
    <message>
        <source>No other digit</source>
        <translation>다른 숫자 없음</translation>
    </message>
    <message>
        <source>Overlay opacity</source>
        <translation>겹쳐 보기 불투명도</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:rgb{red}&quot;&gt;■&lt;/span&gt; red: speaks for the digit &amp;nbsp; &lt;span style=&quot;color:rgb{blue}&quot;&gt;■&lt;/span&gt; blue: speaks against it</source>
        <translation>&lt;span style=&quot;color:rgb{red}&quot;&gt;■&lt;/span&gt; 빨강: 그 숫자 쪽으로 작용 &amp;nbsp; &lt;span style=&quot;color:rgb{blue}&quot;&gt;■&lt;/span&gt; 파랑: 반대로 작용</translation>
    </message>
    <message>
        <source>Draw a digit, then tick the box to see why the network says what it says.</source>
        <translation>숫자를 그린 다음 상자를 체크하면 신경망이 왜 그렇게 답하는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Explanation method</source>
        <translation>설명 방법</translation>
    </message>
    <message>
        <source>How the map is computed (see the README)</source>
        <translation>맵을 계산하는 방법(README 참고)</translation>
    </message>
    <message>
        <source>Digit to explain</source>
        <translation>설명할 숫자</translation>
    </message>
    <message>
        <source>Explain the predicted digit, or any digit you pick</source>
        <translation>예측한 숫자나 내가 고른 숫자를 설명합니다</translation>
    </message>
    <message>
        <source>Rather than digit</source>
        <translation>비교할 숫자</translation>
    </message>
    <message>
        <source>Show what separates the digit from this one</source>
        <translation>그 숫자와 이 숫자를 가르는 것을 보여 줍니다</translation>
    </message>
    <message>
        <source>How strongly the map covers the drawing</source>
        <translation>맵이 그림을 얼마나 진하게 덮을지</translation>
    </message>
    <message>
        <source>Explain the hesitation</source>
        <translation>망설임 설명하기</translation>
    </message>
    <message>
        <source>Show what separates the two candidates</source>
        <translation>두 후보를 가르는 것을 보여 줍니다</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>설명할 숫자</translation>
    </message>
    <message>
        <source>Rather than</source>
        <translation>비교할 숫자</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>불투명도</translation>
    </message>
    <message>
        <source>Choose another digit to compare with: a digit against itself says nothing.</source>
        <translation>비교할 다른 숫자를 고르세요: 같은 숫자끼리 비교하면 아무것도 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Not sure between {a} and {b}: show what makes it {a} rather than {b}</source>
        <translation>{a}와(과) {b} 사이에서 망설임: 왜 {b}이(가) 아니라 {a}인지 보여 줍니다</translation>
    </message>
    <message>
        <source>Nothing drawn, nothing to explain.</source>
        <translation>그린 것이 없어 설명할 것도 없습니다.</translation>
    </message>
    <message>
        <source>Why {t}: red makes it {t}, blue speaks against {t}.</source>
        <translation>왜 {t}인가: 빨강은 {t} 쪽으로, 파랑은 {t}에 반대로 작용합니다.</translation>
    </message>
    <message>
        <source>Why {t} rather than {c}: red makes it {t}, blue makes it {c}.</source>
        <translation>왜 {c}이(가) 아니라 {t}인가: 빨강은 {t} 쪽으로, 파랑은 {c} 쪽으로 작용합니다.</translation>
    </message>
    <message>
        <source> {method}, {ms:.0f} ms.</source>
        <translation> {method}, {ms:.0f} ms.</translation>
    </message>
</context>
<context>
    <name>ExplainService</name>
    <message>
        <source>the network has not loaded yet</source>
        <translation>신경망을 아직 불러오지 않았습니다</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt *.pth);;All files (*)</source>
        <translation>PyTorch 가중치 (*.pt *.pth);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open an image of a digit</source>
        <translation>숫자 이미지 열기</translation>
    </message>
    <message>
        <source>Save the drawing</source>
        <translation>그림 저장</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Saved the drawing to {path}</source>
        <translation>그림을 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>The drawing could not be saved</source>
        <translation>그림을 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Could not write {name}.</source>
        <translation>{name}을(를) 쓰지 못했습니다.</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>클립보드에 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>The clipboard image is empty.</source>
        <translation>클립보드의 이미지가 비어 있습니다.</translation>
    </message>
    <message>
        <source>The image could not be read</source>
        <translation>이미지를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The pasted image could not be converted.</source>
        <translation>붙여 넣은 이미지를 변환하지 못했습니다.</translation>
    </message>
    <message>
        <source>Classifying {name}…</source>
        <translation>{name} 분류 중…</translation>
    </message>
    <message>
        <source>Classifying the pasted image…</source>
        <translation>붙여 넣은 이미지 분류 중…</translation>
    </message>
    <message>
        <source>The pasted image</source>
        <translation>붙여 넣은 이미지</translation>
    </message>
    <message>
        <source>{name}: no digit in the picture.</source>
        <translation>{name}: 그림에 숫자가 없습니다.</translation>
    </message>
    <message>
        <source>{name}: read as {digit} ({percent}% sure).</source>
        <translation>{name}: {digit}(으)로 읽었습니다(확신도 {percent}%).</translation>
    </message>
    <message>
        <source>{name}: the network is not sure which digit it is.</source>
        <translation>{name}: 신경망이 어떤 숫자인지 확신하지 못합니다.</translation>
    </message>
    <message>
        <source>{name}: it doesn&apos;t look like a digit.</source>
        <translation>{name}: 숫자 같지 않습니다.</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>가중치 불러오기</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>가중치 저장</translation>
    </message>
</context>
<context>
    <name>FiltersPanel</name>
    <message>
        <source>conv1 + ReLU: 6 maps 28×28</source>
        <translation>conv1 + ReLU: 28×28 맵 6개</translation>
    </message>
    <message>
        <source>pool1: 6 maps 14×14</source>
        <translation>pool1: 14×14 맵 6개</translation>
    </message>
    <message>
        <source>conv2 + ReLU: 16 maps 10×10</source>
        <translation>conv2 + ReLU: 10×10 맵 16개</translation>
    </message>
    <message>
        <source>pool2: 16 maps 5×5</source>
        <translation>pool2: 5×5 맵 16개</translation>
    </message>
    <message>
        <source>fc1 + ReLU: 120 units</source>
        <translation>fc1 + ReLU: 유닛 120개</translation>
    </message>
    <message>
        <source>fc2 + ReLU: 84 units</source>
        <translation>fc2 + ReLU: 유닛 84개</translation>
    </message>
    <message>
        <source>fc3: 10 logits (digits 0-9)</source>
        <translation>fc3: 로짓 10개(숫자 0-9)</translation>
    </message>
    <message>
        <source>Filters and feature maps</source>
        <translation>필터와 특징 맵</translation>
    </message>
    <message>
        <source>Filters or feature maps</source>
        <translation>필터 또는 특징 맵</translation>
    </message>
    <message>
        <source>Convolution filters</source>
        <translation>합성곱 필터</translation>
    </message>
    <message>
        <source>Learned 5×5 kernels: blue negative, red positive. Hover for values.</source>
        <translation>학습된 5×5 커널: 파랑은 음수, 빨강은 양수. 마우스를 올리면 값이 보입니다.</translation>
    </message>
    <message>
        <source>conv1: 6 filters, 5×5</source>
        <translation>conv1: 5×5 필터 6개</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>conv2: 16 filters × 6 input channels</source>
        <translation>conv2: 필터 16개 × 입력 채널 6개</translation>
    </message>
    <message>
        <source>Hover over a filter to read its weights.</source>
        <translation>필터 위에 마우스를 올리면 가중치를 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Filter value under the mouse</source>
        <translation>마우스 아래 필터 값</translation>
    </message>
    <message>
        <source>The weight under the mouse pointer</source>
        <translation>마우스 포인터 아래의 가중치</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>The convolution kernels the network has learned</source>
        <translation>신경망이 학습한 합성곱 커널</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>특징 맵</translation>
    </message>
    <message>
        <source>Activations of each layer for the current drawing (bright = strong). Hover for values.</source>
        <translation>지금 그림에 대한 각 레이어의 활성값(밝을수록 강함). 마우스를 올리면 값이 보입니다.</translation>
    </message>
    <message>
        <source>Draw a digit to see what each layer makes of it.</source>
        <translation>숫자를 그리면 각 레이어가 그것을 어떻게 처리하는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Activation under the mouse</source>
        <translation>마우스 아래 활성값</translation>
    </message>
    <message>
        <source>The activation value under the mouse pointer</source>
        <translation>마우스 포인터 아래의 활성값</translation>
    </message>
    <message>
        <source>What each layer computes from your drawing</source>
        <translation>각 레이어가 내 그림에서 계산하는 것</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>입력 채널</translation>
    </message>
    <message>
        <source>Hover over a map to read its values.</source>
        <translation>맵 위에 마우스를 올리면 값을 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>conv1 filter {index}, row {row}, column {column}: {value}</source>
        <translation>conv1 필터 {index}, {row}행 {column}열: {value}</translation>
    </message>
    <message>
        <source>conv2 filter {out} ← input channel {channel}, row {row}, column {column}: {value}</source>
        <translation>conv2 필터 {out} ← 입력 채널 {channel}, {row}행 {column}열: {value}</translation>
    </message>
    <message>
        <source>fc3 logit for digit {digit}: {value}</source>
        <translation>숫자 {digit}의 fc3 로짓: {value}</translation>
    </message>
    <message>
        <source>{name} unit {unit}: {value}</source>
        <translation>{name} 유닛 {unit}: {value}</translation>
    </message>
    <message>
        <source>{name} map {index}, row {row}, column {column}: {value}</source>
        <translation>{name} 맵 {index}, {row}행 {column}열: {value}</translation>
    </message>
</context>
<context>
    <name>FineTunePanel</name>
    <message>
        <source>Teach it your handwriting</source>
        <translation>내 손글씨 가르치기</translation>
    </message>
    <message>
        <source>Fine-tuning trains the network on your examples mixed with MNIST, starting from the weights in use, so it learns your style without forgetting the rest.</source>
        <translation>미세 조정은 지금 쓰는 가중치에서 시작해 내 예시와 MNIST를 섞어 신경망을 학습시킵니다. 그래서 나머지를 잊지 않고 내 글씨체를 배웁니다.</translation>
    </message>
    <message>
        <source>About fine-tuning</source>
        <translation>미세 조정이란</translation>
    </message>
    <message>
        <source>What fine-tuning does</source>
        <translation>미세 조정이 하는 일</translation>
    </message>
    <message>
        <source>&amp;Fine-tune on my digits</source>
        <translation>내 숫자로 미세 조정(&amp;F)</translation>
    </message>
    <message>
        <source>Train the network on your examples and MNIST</source>
        <translation>내 예시와 MNIST로 신경망을 학습시킵니다</translation>
    </message>
    <message>
        <source>Fine-tuning steps and time left</source>
        <translation>미세 조정 스텝과 남은 시간</translation>
    </message>
    <message>
        <source>Steps of the whole job (training, then the checking runs) and the time left for all of it</source>
        <translation>전체 작업(학습 후 확인 실행)의 스텝과 전체 남은 시간</translation>
    </message>
    <message>
        <source>Fine-tuning status</source>
        <translation>미세 조정 상태</translation>
    </message>
    <message>
        <source>What fine-tuning is doing</source>
        <translation>미세 조정이 지금 하는 일</translation>
    </message>
    <message>
        <source>MNIST accuracy before and after</source>
        <translation>전후의 MNIST 정확도</translation>
    </message>
    <message>
        <source>Accuracy on the 10,000 MNIST test digits</source>
        <translation>MNIST 테스트 숫자 10,000개에 대한 정확도</translation>
    </message>
    <message>
        <source>Your digits before and after</source>
        <translation>전후의 내 숫자</translation>
    </message>
    <message>
        <source>Accuracy on your examples, measured on drawings the network did not train on</source>
        <translation>내 예시에 대한 정확도, 신경망이 학습에 쓰지 않은 그림으로 측정</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>참고</translation>
    </message>
    <message>
        <source>Remarks about this fine-tuning run</source>
        <translation>이번 미세 조정에 대한 참고 사항</translation>
    </message>
    <message>
        <source>Examples whose prediction changed</source>
        <translation>예측이 바뀐 예시</translation>
    </message>
    <message>
        <source>Your examples the network reads differently now: digit: before → after (✓ now right, ✗ now wrong)</source>
        <translation>신경망이 이제 다르게 읽는 내 예시: 숫자: 전 → 후(✓ 이제 맞음, ✗ 이제 틀림)</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>바뀐 예시</translation>
    </message>
    <message>
        <source>none of your examples is read differently</source>
        <translation>다르게 읽힌 예시가 없습니다</translation>
    </message>
    <message>
        <source>No changed predictions</source>
        <translation>바뀐 예측 없음</translation>
    </message>
    <message>
        <source>Every example is read as it was before</source>
        <translation>모든 예시를 전과 똑같이 읽습니다</translation>
    </message>
    <message>
        <source>MNIST test accuracy</source>
        <translation>MNIST 테스트 정확도</translation>
    </message>
    <message>
        <source>Your digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <source>Save a few examples first: draw a digit and press its key</source>
        <translation>먼저 예시를 몇 개 저장하세요: 숫자를 그리고 그 숫자 키를 누르면 됩니다</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>시작하는 중</translation>
    </message>
    <message>
        <source>Loading MNIST…</source>
        <translation>MNIST를 불러오는 중…</translation>
    </message>
    <message>
        <source>Training on your examples</source>
        <translation>내 예시로 학습 중</translation>
    </message>
    <message>
        <source>Checking: fold {0} of {1}</source>
        <translation>확인 중: 폴드 {0}/{1}</translation>
    </message>
    <message>
        <source>Checking on drawings left out</source>
        <translation>빼 둔 그림으로 확인 중</translation>
    </message>
    <message>
        <source>Paused at step {0} of {1}</source>
        <translation>일시 정지 — 스텝 {0}/{1}</translation>
    </message>
    <message>
        <source>Step {0} of {1} · about {2} left</source>
        <translation>스텝 {0}/{1} · 약 {2} 남음</translation>
    </message>
    <message>
        <source>MNIST is not on this computer: fine-tuning on your examples with generated practice digits.</source>
        <translation>이 컴퓨터에 MNIST가 없습니다: 내 예시와 생성한 연습용 숫자로 미세 조정합니다.</translation>
    </message>
    <message>
        <source>Stopped before fine-tuning began: the weights did not change.</source>
        <translation>미세 조정이 시작되기 전에 멈췄습니다: 가중치는 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Fine-tuning failed: {0}</source>
        <translation>미세 조정에 실패했습니다: {0}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>{0:.2f}% → &lt;b&gt;{1:.2f}%&lt;/b&gt; ({2:+.2f} points)</source>
        <translation>{0:.2f}% → &lt;b&gt;{1:.2f}%&lt;/b&gt; ({2:+.2f}%p)</translation>
    </message>
    <message>
        <source>could not be checked (MNIST is not on this computer)</source>
        <translation>확인할 수 없었습니다(이 컴퓨터에 MNIST가 없습니다)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>측정하지 않음</translation>
    </message>
    <message>
        <source>not measured ({0})</source>
        <translation>측정하지 않음({0})</translation>
    </message>
    <message>
        <source>{0:.0f}% → &lt;b&gt;{1:.0f}%&lt;/b&gt; &lt;span style=&apos;color:{2}&apos;&gt;({3})&lt;/span&gt;</source>
        <translation>{0:.0f}% → &lt;b&gt;{1:.0f}%&lt;/b&gt; &lt;span style=&apos;color:{2}&apos;&gt;({3})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Changed ({0})</source>
        <translation>바뀐 예시({0})</translation>
    </message>
    <message>
        <source>{0} of {1} are now read right</source>
        <translation>{1}개 중 {0}개를 이제 맞게 읽습니다</translation>
    </message>
    <message>
        <source>A {0}: read as {1} before, {2} now</source>
        <translation>{0}: 전에는 {1}, 지금은 {2}(으)로 읽음</translation>
    </message>
    <message>
        <source> (now right)</source>
        <translation> (이제 맞음)</translation>
    </message>
    <message>
        <source>Stopped after {0}, before the report. Keep the partly fine-tuned weights? They are in use now; Discard goes back to the previous ones.</source>
        <translation>{0} 뒤, 보고서 전에 멈췄습니다. 일부만 미세 조정된 가중치를 유지할까요? 지금 쓰이고 있습니다. 버리기를 누르면 이전 가중치로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Stopped — %p%</source>
        <translation>멈춤 — %p%</translation>
    </message>
    <message>
        <source>Fine-tuned on {0} examples in {1}.</source>
        <translation>예시 {0}개로 {1} 동안 미세 조정했습니다.</translation>
    </message>
    <message>
        <source>Fine-tuned in {0}.</source>
        <translation>{0} 동안 미세 조정했습니다.</translation>
    </message>
    <message>
        <source>Keep the new weights? They are in use now; Discard goes back to the previous ones.</source>
        <translation>새 가중치를 유지할까요? 지금 쓰이고 있습니다. 버리기를 누르면 이전 가중치로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Finished — %p%</source>
        <translation>완료 — %p%</translation>
    </message>
</context>
<context>
    <name>InferenceService</name>
    <message>
        <source>The network could not do that</source>
        <translation>신경망이 그 일을 하지 못했습니다</translation>
    </message>
    <message>
        <source>These weights could not be loaded</source>
        <translation>이 가중치를 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>The weights could not be saved</source>
        <translation>가중치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The new weights could not be saved</source>
        <translation>새 가중치를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The previous weights could not be restored</source>
        <translation>이전 가중치로 되돌리지 못했습니다</translation>
    </message>
    <message>
        <source>The weights in use could not be shown again</source>
        <translation>사용 중인 가중치를 다시 보여 주지 못했습니다</translation>
    </message>
    <message>
        <source>The weights folder could not be read</source>
        <translation>가중치 폴더를 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The network views could not be updated</source>
        <translation>신경망 화면을 갱신하지 못했습니다</translation>
    </message>
    <message>
        <source>The image could not be opened</source>
        <translation>이미지를 열지 못했습니다</translation>
    </message>
    <message>
        <source>Loading PyTorch (a few seconds, once)…</source>
        <translation>PyTorch를 불러오는 중… (처음 한 번, 몇 초 걸립니다)</translation>
    </message>
    <message>
        <source>The network could not be loaded</source>
        <translation>신경망을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>A training snapshot could not be shown</source>
        <translation>학습 중의 스냅숏을 보여 주지 못했습니다</translation>
    </message>
    <message>
        <source>Could not load the last weights ({error}); using the bundled ones.</source>
        <translation>마지막 가중치를 불러오지 못해({error}) 기본 가중치를 씁니다.</translation>
    </message>
    <message>
        <source>{accuracy}% on MNIST test</source>
        <translation>MNIST 테스트 정확도 {accuracy}%</translation>
    </message>
    <message numerus="yes">
        <source>%n epochs</source>
        <translation>
            <numerusform>에폭 %n번</numerusform>
        </translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>에폭 1번</translation>
    </message>
    <message>
        <source>{epochs} epochs</source>
        <translation>에폭 {epochs}번</translation>
    </message>
    <message>
        <source>saved {date}</source>
        <translation>{date}에 저장함</translation>
    </message>
    <message>
        <source>no metadata</source>
        <translation>메타데이터 없음</translation>
    </message>
    <message>
        <source>Untrained random weights — {reason}. Train the network or load weights.</source>
        <translation>학습하지 않은 무작위 가중치 — {reason}. 신경망을 학습시키거나 가중치를 불러오세요.</translation>
    </message>
    <message>
        <source>Bundled weights {name}: {about}</source>
        <translation>기본 가중치 {name}: {about}</translation>
    </message>
    <message>
        <source>Weights {name}: {about}</source>
        <translation>가중치 {name}: {about}</translation>
    </message>
    <message>
        <source>Discarded the new weights; back to the ones from before the run.</source>
        <translation>새 가중치를 버리고, 실행하기 전의 가중치로 돌아갔습니다.</translation>
    </message>
    <message>
        <source>The drawing could not be read</source>
        <translation>그림을 읽지 못했습니다</translation>
    </message>
</context>
<context>
    <name>KeepBar</name>
    <message>
        <source>The weights in use beside the new ones</source>
        <translation>사용 중인 가중치와 새 가중치 비교</translation>
    </message>
    <message>
        <source>Accuracy of the weights in use and of the new weights, on the MNIST test digits and on yours</source>
        <translation>사용 중인 가중치와 새 가중치의 정확도(MNIST 테스트 숫자와 내 숫자)</translation>
    </message>
    <message>
        <source>Result of fine-tuning</source>
        <translation>미세 조정 결과</translation>
    </message>
    <message>
        <source>The result of fine-tuning</source>
        <translation>미세 조정의 결과</translation>
    </message>
    <message>
        <source>Go back to the weights from before fine-tuning</source>
        <translation>미세 조정 전의 가중치로 돌아갑니다</translation>
    </message>
    <message>
        <source>Result of the run</source>
        <translation>학습 결과</translation>
    </message>
    <message>
        <source>The result of the run</source>
        <translation>이번 학습의 결과</translation>
    </message>
    <message>
        <source>Go back to the weights from before the run</source>
        <translation>학습 전의 가중치로 돌아갑니다</translation>
    </message>
    <message>
        <source>&amp;Keep new weights</source>
        <translation>새 가중치 유지(&amp;K)</translation>
    </message>
    <message>
        <source>Keep new weights</source>
        <translation>새 가중치 유지</translation>
    </message>
    <message>
        <source>Use the new weights and save them in your data folder</source>
        <translation>새 가중치를 사용하고 내 데이터 폴더에 저장합니다</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>Discard new weights</source>
        <translation>새 가중치 버리기</translation>
    </message>
    <message>
        <source>MNIST test digits</source>
        <translation>MNIST 테스트 숫자</translation>
    </message>
    <message>
        <source>Your digits ({count})</source>
        <translation>내 숫자({count}개)</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>확인 중…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>측정 안 됨</translation>
    </message>
    <message>
        <source>{what}: {current} in use → &lt;b&gt;{new}&lt;/b&gt; new</source>
        <translation>{what}: 사용 중 {current} → 새 가중치 &lt;b&gt;{new}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>({delta} points)</source>
        <translation>({delta}%p)</translation>
    </message>
    <message>
        <source>The run stopped before it tested the new weights: checking them now…</source>
        <translation>실행이 새 가중치를 테스트하기 전에 멈췄습니다: 지금 확인하고 있습니다…</translation>
    </message>
    <message>
        <source>The new weights could not be tested: MNIST is not on this computer.</source>
        <translation>새 가중치를 테스트할 수 없습니다: 이 컴퓨터에 MNIST가 없습니다.</translation>
    </message>
    <message>
        <source>The new weights are worse than the ones in use, on MNIST and on your digits.</source>
        <translation>새 가중치가 사용 중인 가중치보다 MNIST와 내 숫자 모두에서 더 나쁩니다.</translation>
    </message>
    <message>
        <source>The new weights are worse on MNIST than the ones in use.</source>
        <translation>새 가중치가 MNIST에서 사용 중인 가중치보다 더 나쁩니다.</translation>
    </message>
    <message>
        <source>The new weights read your digits worse than the ones in use.</source>
        <translation>새 가중치가 내 숫자를 사용 중인 가중치보다 더 못 읽습니다.</translation>
    </message>
    <message>
        <source>The run stopped before it tested the new weights; they were checked just now.</source>
        <translation>실행이 새 가중치를 테스트하기 전에 멈춰서 방금 확인했습니다.</translation>
    </message>
</context>
<context>
    <name>KernelEditor</name>
    <message>
        <source>conv1 filter {index}</source>
        <translation>conv1 필터 {index}</translation>
    </message>
    <message>
        <source>The value a click paints (the right button paints its negative)</source>
        <translation>클릭하면 칠해지는 값(오른쪽 버튼은 그 음수를 칠합니다)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Click cells to paint the kernel; the maps and the prediction above follow.</source>
        <translation>칸을 클릭해 커널을 칠하세요. 위의 맵과 예측이 따라서 바뀝니다.</translation>
    </message>
    <message>
        <source>Kernel to edit</source>
        <translation>고칠 커널</translation>
    </message>
    <message>
        <source>Which conv1 filter to paint</source>
        <translation>칠할 conv1 필터</translation>
    </message>
    <message>
        <source>Brush value</source>
        <translation>붓 값</translation>
    </message>
    <message>
        <source>The filter&apos;s bias, added after the 5×5 sum</source>
        <translation>5×5 합 다음에 더하는 필터의 편향</translation>
    </message>
    <message>
        <source>Back to the learned kernel and bias</source>
        <translation>학습된 커널과 편향으로 되돌립니다</translation>
    </message>
    <message>
        <source>Save the painted kernel as new weights and predict with them</source>
        <translation>칠한 커널을 새 가중치로 저장하고 그것으로 예측합니다</translation>
    </message>
    <message>
        <source>Drop the painted kernel</source>
        <translation>칠한 커널을 버립니다</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>붓</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>Back to the learned kernel.</source>
        <translation>학습된 커널로 되돌렸습니다.</translation>
    </message>
    <message>
        <source>Not now: {why}.</source>
        <translation>지금은 안 됩니다: {why}.</translation>
    </message>
    <message>
        <source>Kept: the app now predicts with the painted kernel, saved as new weights.</source>
        <translation>유지함: 이제 칠한 커널로 예측하며, 새 가중치로 저장했습니다.</translation>
    </message>
    <message>
        <source>bias {b:.3f}</source>
        <translation>편향 {b:.3f}</translation>
    </message>
    <message>
        <source>Painted: the maps and the prediction above use this kernel. Keep or discard it.</source>
        <translation>칠함: 위의 맵과 예측이 이 커널을 씁니다. 유지하거나 버리세요.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>시스템 언어({language})</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language takes effect when you restart LeNet GUI.</source>
        <translation>LeNet GUI를 다시 시작하면 새 언어가 적용됩니다.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
</context>
<context>
    <name>LookForView</name>
    <message>
        <source>{layer} filter {index}</source>
        <translation>{layer} 필터 {index}</translation>
    </message>
    <message>
        <source>output digit {digit}</source>
        <translation>출력 숫자 {digit}</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Filter or digit</source>
        <translation>필터 또는 숫자</translation>
    </message>
    <message>
        <source>Whose preferred input and top patches to show</source>
        <translation>어떤 필터나 숫자가 좋아하는 입력과 상위 패치를 보여 줄지</translation>
    </message>
    <message>
        <source>Compute what every filter and digit looks for</source>
        <translation>모든 필터와 숫자가 무엇을 찾는지 계산합니다</translation>
    </message>
    <message>
        <source>Compute once (a few seconds in the background); then pick any filter or digit.</source>
        <translation>한 번 계산한 뒤(백그라운드에서 몇 초), 아무 필터나 숫자를 고르세요.</translation>
    </message>
    <message>
        <source>Excites it most (contrast stretched)</source>
        <translation>가장 강하게 반응하는 입력(대비 늘림)</translation>
    </message>
    <message>
        <source>Top 9 test patches</source>
        <translation>상위 테스트 패치 9개</translation>
    </message>
    <message>
        <source>Computing what each filter and digit looks for…</source>
        <translation>각 필터와 숫자가 무엇을 찾는지 계산하는 중…</translation>
    </message>
    <message>
        <source>Could not compute: {why}</source>
        <translation>계산하지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>The weights changed: this will be computed again in a moment.</source>
        <translation>가중치가 바뀌었습니다: 곧 다시 계산합니다.</translation>
    </message>
    <message>
        <source>An output digit has no patch of its own: it sees the whole input.</source>
        <translation>출력 숫자에는 자기만의 패치가 없습니다: 입력 전체를 봅니다.</translation>
    </message>
    <message>
        <source>The 9 test digits (of 2,000) where {layer} filter {index} fires most, cut to what it sees.</source>
        <translation>{layer} 필터 {index}이(가) 가장 강하게 반응하는 테스트 숫자 9개(2,000개 중), 그 필터가 보는 부분만 잘라 냄.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LeNet GUI</source>
        <translation>LeNet GUI</translation>
    </message>
    <message>
        <source>Loading the network in the background — you can start drawing.</source>
        <translation>신경망을 백그라운드에서 불러오는 중입니다 — 그리기를 시작해도 됩니다.</translation>
    </message>
    <message>
        <source>Saved weights to {path}</source>
        <translation>가중치를 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>학습에 실패했습니다</translation>
    </message>
    <message>
        <source>Fine-tuning failed</source>
        <translation>미세 조정에 실패했습니다</translation>
    </message>
    <message>
        <source>Ready: draw a digit</source>
        <translation>준비 완료: 숫자를 그려 보세요</translation>
    </message>
    <message>
        <source>still loading</source>
        <translation>아직 불러오는 중</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draw a digit and watch the PyTorch tutorial&apos;s LeNet read it, learn, and show what is inside.&lt;/p&gt;</source>
        <translation>&lt;p&gt;숫자를 그리면 PyTorch 튜토리얼의 LeNet이 그것을 읽고, 학습하고, 그 속을 보여 줍니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Trained on MNIST by Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Yann LeCun, Corinna Cortes, Christopher J. C. Burges의 MNIST(CC BY-SA 3.0)로 학습했습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About LeNet GUI</source>
        <translation>LeNet GUI 정보</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Train the network and watch it learn</source>
        <translation>신경망을 학습시키고 배우는 모습을 지켜봅니다</translation>
    </message>
    <message>
        <source>Filters &amp;&amp; feature maps</source>
        <translation>필터와 특징 맵</translation>
    </message>
    <message>
        <source>The learned filters and what each layer computes</source>
        <translation>학습된 필터와 각 레이어가 계산하는 것</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>The network&apos;s parameter tensors</source>
        <translation>신경망의 매개변수 텐서</translation>
    </message>
    <message>
        <source>My digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <source>Your saved drawings, and fine-tuning the network on them</source>
        <translation>저장한 내 그림, 그리고 그것으로 신경망 미세 조정하기</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>불러오는 중</translation>
    </message>
    <message>
        <source>&amp;Open image…</source>
        <translation>이미지 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an image of a digit</source>
        <translation>숫자 이미지 열기</translation>
    </message>
    <message>
        <source>&amp;Save drawing…</source>
        <translation>그림 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>PNG로 저장</translation>
    </message>
    <message>
        <source>&amp;Load weights…</source>
        <translation>가중치 불러오기(&amp;L)…</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>가중치 불러오기</translation>
    </message>
    <message>
        <source>Save &amp;weights…</source>
        <translation>가중치 저장(&amp;W)…</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>가중치 저장</translation>
    </message>
    <message>
        <source>&amp;Export network as ONNX…</source>
        <translation>신경망을 ONNX로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the network in use as an ONNX file for other tools</source>
        <translation>지금 쓰는 신경망을 다른 도구에서 쓸 수 있는 ONNX 파일로 저장합니다</translation>
    </message>
    <message>
        <source>&amp;Reset to bundled weights</source>
        <translation>기본 가중치로 되돌리기(&amp;R)</translation>
    </message>
    <message>
        <source>Use the weights shipped with the app</source>
        <translation>앱에 들어 있는 가중치를 씁니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit LeNet GUI</source>
        <translation>LeNet GUI 끝내기</translation>
    </message>
    <message>
        <source>&amp;Compare two networks…</source>
        <translation>두 신경망 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>Two sets of weights side by side on your drawing and on the test digits</source>
        <translation>두 가중치를 나란히 놓고 그림과 테스트 숫자로 비교합니다</translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>{action} 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>{action} 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Clear the drawing (Esc or Delete on the canvas)</source>
        <translation>그림을 모두 지웁니다(캔버스에서 Esc 또는 Delete)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>이미지 붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Classify an image from the clipboard</source>
        <translation>클립보드의 이미지를 분류합니다</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>지우개(&amp;E)</translation>
    </message>
    <message>
        <source>Toggle the eraser</source>
        <translation>지우개 켜기/끄기</translation>
    </message>
    <message>
        <source>&amp;Thinner pen</source>
        <translation>더 가는 펜(&amp;T)</translation>
    </message>
    <message>
        <source>Thinner pen</source>
        <translation>더 가는 펜</translation>
    </message>
    <message>
        <source>T&amp;hicker pen</source>
        <translation>더 굵은 펜(&amp;H)</translation>
    </message>
    <message>
        <source>Thicker pen</source>
        <translation>더 굵은 펜</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>배치 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Put panels back</source>
        <translation>패널을 원래 자리로 되돌립니다</translation>
    </message>
    <message>
        <source>&amp;About LeNet GUI</source>
        <translation>LeNet GUI 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Versions and credits</source>
        <translation>버전과 만든 사람들</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Qt 정보</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Show or hide the {panel} panel</source>
        <translation>{panel} 패널 보이기/숨기기</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MakeItView</name>
    <message>
        <source>Make it so</source>
        <translation>그렇게 만들기</translation>
    </message>
    <message>
        <source>Put on canvas</source>
        <translation>캔버스에 올리기</translation>
    </message>
    <message>
        <source>Play again</source>
        <translation>다시 재생</translation>
    </message>
    <message>
        <source>Choose a digit: the app looks for a small change to your drawing that makes it one.</source>
        <translation>숫자를 고르세요: 내 그림을 그 숫자로 만드는 작은 변화를 찾습니다.</translation>
    </message>
    <message>
        <source>Digit to make</source>
        <translation>만들 숫자</translation>
    </message>
    <message>
        <source>The digit the network should see</source>
        <translation>신경망이 보아야 할 숫자</translation>
    </message>
    <message>
        <source>Find a small change to your drawing that makes it this digit</source>
        <translation>내 그림을 이 숫자로 만드는 작은 변화를 찾습니다</translation>
    </message>
    <message>
        <source>Replace the drawing with the changed one</source>
        <translation>그림을 바뀐 그림으로 바꿉니다</translation>
    </message>
    <message>
        <source>Play the change from yours to the changed one again</source>
        <translation>내 그림에서 바뀐 그림으로 가는 변화를 다시 재생합니다</translation>
    </message>
    <message>
        <source>Make it a</source>
        <translation>만들 숫자:</translation>
    </message>
    <message>
        <source>Yours → changed</source>
        <translation>내 그림 → 바뀐 그림</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>바뀐 예시</translation>
    </message>
    <message>
        <source>Changed pixels</source>
        <translation>바뀐 픽셀</translation>
    </message>
    <message>
        <source>Looking for a small change…</source>
        <translation>작은 변화를 찾는 중…</translation>
    </message>
    <message>
        <source>Draw a digit first: there is nothing to change.</source>
        <translation>먼저 숫자를 그리세요: 바꿀 것이 없습니다.</translation>
    </message>
    <message>
        <source>Now it says {d} with {p:.0f}%: a change of {l2:.1f} (L2, standardized), {ms:.0f} ms.</source>
        <translation>이제 {p:.0f}%로 {d}(이)라고 답합니다: 변화량 {l2:.1f}(L2, 표준화), {ms:.0f} ms.</translation>
    </message>
    <message>
        <source>Could not make it a {d} within the budget: the best change reaches {p:.0f}% (L2 {l2:.1f}), {ms:.0f} ms.</source>
        <translation>정해진 한도 안에서 {d}(으)로 만들지 못했습니다: 가장 좋은 변화가 {p:.0f}%에 이릅니다(L2 {l2:.1f}), {ms:.0f} ms.</translation>
    </message>
</context>
<context>
    <name>MapZoom</name>
    <message>
        <source>The clicked map, enlarged</source>
        <translation>클릭한 맵을 크게 본 것</translation>
    </message>
    <message>
        <source>Click a value to see how it was computed</source>
        <translation>값을 클릭하면 어떻게 계산되었는지 볼 수 있습니다</translation>
    </message>
</context>
<context>
    <name>MnistMissingBox</name>
    <message>
        <source>MNIST is missing</source>
        <translation>MNIST 없음</translation>
    </message>
    <message>
        <source>Why training cannot start, in one sentence</source>
        <translation>학습을 시작할 수 없는 이유를 한 문장으로</translation>
    </message>
    <message>
        <source>&amp;Choose MNIST folder…</source>
        <translation>MNIST 폴더 선택…(&amp;C)</translation>
    </message>
    <message>
        <source>Choose MNIST folder</source>
        <translation>MNIST 폴더 선택</translation>
    </message>
    <message>
        <source>A folder that already has MNIST: the one holding MNIST/raw, the MNIST folder, or raw itself</source>
        <translation>MNIST가 이미 있는 폴더: MNIST/raw를 담은 폴더, MNIST 폴더, 또는 raw 폴더 자체</translation>
    </message>
    <message>
        <source>&amp;Download MNIST (about 12 MB) and train</source>
        <translation>MNIST 내려받고(약 12 MB) 학습하기(&amp;D)</translation>
    </message>
    <message>
        <source>Download MNIST</source>
        <translation>MNIST 내려받기</translation>
    </message>
    <message>
        <source>Fetch the MNIST files from the internet, then start training</source>
        <translation>인터넷에서 MNIST 파일을 받은 뒤 학습을 시작합니다</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Show where MNIST was looked for, and why</source>
        <translation>MNIST를 어디에서 찾았는지와 그 이유 보기</translation>
    </message>
    <message>
        <source>Where MNIST was looked for, and each download attempt</source>
        <translation>MNIST를 찾은 위치와 각 내려받기 시도</translation>
    </message>
    <message>
        <source>Choose the folder that has MNIST</source>
        <translation>MNIST가 있는 폴더 선택</translation>
    </message>
    <message>
        <source>There is no MNIST in {folder}.</source>
        <translation>{folder}에는 MNIST가 없습니다.</translation>
    </message>
    <message>
        <source>MNIST in {folder} is incomplete: {files} missing.</source>
        <translation>{folder}의 MNIST가 완전하지 않습니다: {files} 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Looked in {raw} for these four files (each may end in .gz):
{files}
Choose the folder that holds MNIST/raw, the MNIST folder itself, or its raw folder.</source>
        <translation>{raw}에서 다음 네 파일을 찾았습니다(각각 .gz로 끝나도 됩니다):
{files}
MNIST/raw를 담은 폴더, MNIST 폴더 자체, 또는 그 안의 raw 폴더를 선택하세요.</translation>
    </message>
</context>
<context>
    <name>NetworkScene</name>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>you drew</source>
        <translation>내가 그린 그림</translation>
    </message>
    <message>
        <source>5×5 + ReLU</source>
        <translation>5×5 + ReLU</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>max 2×2</source>
        <translation>최대 2×2</translation>
    </message>
    <message>
        <source>flatten</source>
        <translation>flatten</translation>
    </message>
    <message>
        <source>+ ReLU</source>
        <translation>+ ReLU</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>로짓</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>소프트맥스</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Which of the six input channels to write out in full</source>
        <translation>입력 채널 여섯 개 중 어느 것을 자세히 풀어 쓸지</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>입력 채널</translation>
    </message>
    <message>
        <source>Hover over a unit of flatten, fc1 or fc2 to see its strongest incoming weights, or over the output to see how the ten logits become probabilities.</source>
        <translation>flatten, fc1, fc2의 유닛 위에 마우스를 올리면 들어오는 가장 강한 가중치가, 출력 위에 올리면 로짓 10개가 확률이 되는 과정이 보입니다.</translation>
    </message>
    <message>
        <source>Draw a digit: every stage of the network will show what it makes of it.</source>
        <translation>숫자를 그리세요: 신경망의 모든 단계가 그것을 어떻게 처리하는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Click a value in one of conv1&apos;s or conv2&apos;s maps to see how it was computed: the 5×5 kernel over the input under it, the products and their sum, the bias, ReLU and the 2×2 max pooling.</source>
        <translation>conv1이나 conv2의 맵에서 값 하나를 클릭하면 계산 과정이 보입니다: 그 아래 입력에 겹친 5×5 커널, 곱과 그 합, 편향, ReLU, 2×2 최대 풀링.</translation>
    </message>
    <message>
        <source>The network&apos;s weights are still loading.</source>
        <translation>신경망의 가중치를 아직 불러오는 중입니다.</translation>
    </message>
    <message>
        <source>That value could not be explained: {0}.</source>
        <translation>그 값은 설명하지 못했습니다: {0}.</translation>
    </message>
    <message>
        <source>input channel {0} (pool1 map {0})</source>
        <translation>입력 채널 {0}(pool1 맵 {0})</translation>
    </message>
    <message>
        <source>the input picture (standardized)</source>
        <translation>입력 그림(표준화됨)</translation>
    </message>
    <message>
        <source>pool1 map {0}</source>
        <translation>pool1 맵 {0}</translation>
    </message>
    <message>
        <source>{layer} map {channel}, row {row}, column {col}</source>
        <translation>{layer} 맵 {channel}, {row}행 {col}열</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>커널</translation>
    </message>
    <message>
        <source>patch of {0}</source>
        <translation>{0}의 패치</translation>
    </message>
    <message>
        <source>products</source>
        <translation>곱</translation>
    </message>
    <message>
        <source>Sum of the 25 products in each of the six input channels:</source>
        <translation>입력 채널 여섯 개 각각의 곱 25개의 합:</translation>
    </message>
    <message>
        <source>Total over the channels: {0}</source>
        <translation>채널 전체의 합: {0}</translation>
    </message>
    <message>
        <source>Sum of the 25 products: {0}</source>
        <translation>곱 25개의 합: {0}</translation>
    </message>
    <message>
        <source>+ bias {bias} = {value}</source>
        <translation>+ 편향 {bias} = {value}</translation>
    </message>
    <message>
        <source>ReLU: max({value}, 0) = &lt;b&gt;{relu}&lt;/b&gt;</source>
        <translation>ReLU: max({value}, 0) = &lt;b&gt;{relu}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The map shows {0}: the weights changed since this drawing was read. Draw again.</source>
        <translation>맵에는 {0}이(가) 보입니다: 이 그림을 읽은 뒤 가중치가 바뀌었습니다. 다시 그려 보세요.</translation>
    </message>
    <message>
        <source>(the value the map shows)</source>
        <translation>(맵에 보이는 값)</translation>
    </message>
    <message>
        <source>2×2 max pooling: max({window}) = &lt;b&gt;{pooled}&lt;/b&gt; → {stage} map {channel}, row {row}, column {col}</source>
        <translation>2×2 최대 풀링: max({window}) = &lt;b&gt;{pooled}&lt;/b&gt; → {stage} 맵 {channel}, {row}행 {col}열</translation>
    </message>
    <message>
        <source>Flattened value {index} = pool2 map {map}, row {row}, column {col}: {value}</source>
        <translation>펼친 값 {index} = pool2 맵 {map}, {row}행 {col}열: {value}</translation>
    </message>
    <message>
        <source>{layer} unit {unit}: {value}</source>
        <translation>{layer} 유닛 {unit}: {value}</translation>
    </message>
    <message>
        <source>Its {n} strongest incoming weights (of {total}), from {source}:</source>
        <translation>{source}에서 들어오는 가장 강한 가중치 {n}개({total}개 중):</translation>
    </message>
    <message>
        <source>Softmax: each logit&apos;s exp(logit − {top}), divided by their sum {total}</source>
        <translation>소프트맥스: 각 로짓의 exp(logit − {top})을 그 합 {total}(으)로 나눈 값</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>로짓</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
</context>
<context>
    <name>OnnxExport</name>
    <message>
        <source>Export the network as ONNX</source>
        <translation>신경망을 ONNX로 내보내기</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 모델 (*.onnx);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>An export is already being written; wait until it is done.</source>
        <translation>이미 내보내는 중입니다. 끝날 때까지 기다려 주세요.</translation>
    </message>
    <message>
        <source>The network is still loading; export it once it is ready.</source>
        <translation>신경망을 아직 불러오는 중입니다. 준비되면 내보내 주세요.</translation>
    </message>
    <message>
        <source>Exporting the network to {name}…</source>
        <translation>신경망을 {name}(으)로 내보내는 중…</translation>
    </message>
    <message>
        <source>Exported the network to {path}: Netron draws it, onnxruntime runs it without PyTorch.</source>
        <translation>신경망을 {path}(으)로 내보냈습니다. Netron으로 구조를 볼 수 있고, onnxruntime으로 PyTorch 없이 실행할 수 있습니다.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Exporting as ONNX needs two optional packages, onnx and onnxscript, which are not installed. Install them with: {command}</source>
        <translation>ONNX로 내보내려면 선택 패키지 onnx와 onnxscript가 필요한데, 설치되어 있지 않습니다. 다음 명령으로 설치하세요: {command}</translation>
    </message>
    <message>
        <source>The network could not be exported to {name}.</source>
        <translation>신경망을 {name}(으)로 내보내지 못했습니다.</translation>
    </message>
    <message>
        <source>The network could not be exported to {name}. An existing file there is unchanged.</source>
        <translation>신경망을 {name}(으)로 내보내지 못했습니다. 그 자리에 있던 파일은 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>Loading the network…</source>
        <translation>신경망을 불러오는 중…</translation>
    </message>
    <message>
        <source>The tutorial&apos;s print(net): the layers of LeNet</source>
        <translation>튜토리얼의 print(net): LeNet의 레이어</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>모양</translation>
    </message>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>std</source>
        <translation>표준편차</translation>
    </message>
    <message>
        <source>min</source>
        <translation>최솟값</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최댓값</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation>변화도 노름</translation>
    </message>
    <message>
        <source>Parameter tensors</source>
        <translation>매개변수 텐서</translation>
    </message>
    <message>
        <source>Every weight and bias tensor: shape, number of values, statistics and the gradient norm while training</source>
        <translation>모든 가중치와 편향 텐서: 모양, 값의 개수, 통계, 학습 중의 변화도 노름</translation>
    </message>
    <message>
        <source>Total parameters</source>
        <translation>전체 매개변수</translation>
    </message>
    <message>
        <source>How many numbers the network learns</source>
        <translation>신경망이 학습하는 값의 개수</translation>
    </message>
    <message>
        <source>Weight histograms</source>
        <translation>가중치 히스토그램</translation>
    </message>
    <message>
        <source>Distribution of each layer&apos;s weights, updated while training</source>
        <translation>각 레이어 가중치의 분포, 학습하는 동안 갱신됩니다</translation>
    </message>
    <message>
        <source>Total: {count} parameters in {tensors} tensors</source>
        <translation>합계: 텐서 {tensors}개에 매개변수 {count}개</translation>
    </message>
    <message>
        <source>{total} — live, {step}</source>
        <translation>{total} — 실시간, {step}</translation>
    </message>
    <message>
        <source>{total} — live</source>
        <translation>{total} — 실시간</translation>
    </message>
</context>
<context>
    <name>PersonalExamples</name>
    <message>
        <source>The examples could not be listed</source>
        <translation>예시 목록을 만들지 못했습니다</translation>
    </message>
    <message>
        <source>The examples could not be shown</source>
        <translation>예시를 보여 주지 못했습니다</translation>
    </message>
    <message>
        <source>{0} is no longer there (deleted meanwhile?).</source>
        <translation>{0}이(가) 더 이상 없습니다(그사이 삭제되었나요?).</translation>
    </message>
    <message>
        <source>The example could not be opened</source>
        <translation>예시를 열지 못했습니다</translation>
    </message>
    <message>
        <source>The example could not be saved</source>
        <translation>예시를 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The examples could not be deleted</source>
        <translation>예시를 삭제하지 못했습니다</translation>
    </message>
    <message>
        <source>The examples could not be restored</source>
        <translation>예시를 되살리지 못했습니다</translation>
    </message>
    <message>
        <source>The examples could not be relabelled</source>
        <translation>예시의 레이블을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <source>The window closed: {0} of {1} pictures were imported.</source>
        <translation>창이 닫혔습니다: 그림 {1}개 중 {0}개를 가져왔습니다.</translation>
    </message>
    <message>
        <source>The folder could not be imported</source>
        <translation>폴더를 가져오지 못했습니다</translation>
    </message>
    <message>
        <source>The examples could not be exported</source>
        <translation>예시를 내보내지 못했습니다</translation>
    </message>
</context>
<context>
    <name>PersonalPanel</name>
    <message>
        <source>My digits</source>
        <translation>내 숫자</translation>
    </message>
</context>
<context>
    <name>PixelView</name>
    <message>
        <source>What the network sees</source>
        <translation>신경망이 보는 그림</translation>
    </message>
    <message>
        <source>The 32×32 image the network actually sees: your drawing cropped, scaled and centred like MNIST</source>
        <translation>신경망이 실제로 보는 32×32 이미지: 내 그림을 MNIST처럼 잘라 내고, 크기를 맞추고, 가운데로 옮긴 것</translation>
    </message>
</context>
<context>
    <name>PokeView</name>
    <message>
        <source>Draw a digit to poke the network with it.</source>
        <translation>숫자를 그려 신경망을 찔러 보세요.</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>끄기</translation>
    </message>
    <message>
        <source>Edit a kernel</source>
        <translation>커널 고치기</translation>
    </message>
    <message>
        <source>Make it a…</source>
        <translation>다른 숫자로 만들기</translation>
    </message>
    <message>
        <source>Looks for</source>
        <translation>찾는 패턴</translation>
    </message>
    <message>
        <source>Confusions</source>
        <translation>헷갈리는 숫자</translation>
    </message>
    <message>
        <source>conv1 maps (6)</source>
        <translation>conv1 맵(6개)</translation>
    </message>
    <message>
        <source>conv2 maps (16)</source>
        <translation>conv2 맵(16개)</translation>
    </message>
    <message>
        <source>Silence {layer} filter {index}</source>
        <translation>{layer} 필터 {index} 끄기</translation>
    </message>
    <message>
        <source>Silence {layer} filter {index} (its output becomes 0)</source>
        <translation>{layer} 필터 {index} 끄기(출력이 0이 됩니다)</translation>
    </message>
    <message>
        <source>Silence or restore this unit</source>
        <translation>이 유닛을 끄거나 되살립니다</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>Fully connected layer</source>
        <translation>완전 연결 레이어</translation>
    </message>
    <message>
        <source>The layer of the unit to silence</source>
        <translation>끌 유닛이 있는 레이어</translation>
    </message>
    <message>
        <source>Unit number</source>
        <translation>유닛 번호</translation>
    </message>
    <message>
        <source>The unit of that layer to silence</source>
        <translation>그 레이어에서 끌 유닛</translation>
    </message>
    <message>
        <source>Silence or restore the unit</source>
        <translation>유닛 끄기/되살리기</translation>
    </message>
    <message>
        <source>Silence this unit, or give it back</source>
        <translation>이 유닛을 끄거나 되살립니다</translation>
    </message>
    <message>
        <source>Restore all</source>
        <translation>모두 되살리기</translation>
    </message>
    <message>
        <source>Give every silenced unit its output back</source>
        <translation>끈 유닛의 출력을 모두 되살립니다</translation>
    </message>
    <message>
        <source>Nothing silenced: click a filter.</source>
        <translation>끈 것이 없습니다: 필터를 클릭하세요.</translation>
    </message>
    <message>
        <source>Rank all 22 conv filters by importance</source>
        <translation>합성곱 필터 22개 모두를 중요도 순으로 매깁니다</translation>
    </message>
    <message>
        <source>Rank filters</source>
        <translation>필터 순위 매기기</translation>
    </message>
    <message>
        <source>Silence each conv filter alone; measure the loss</source>
        <translation>합성곱 필터를 하나씩 끄고 손실을 잽니다</translation>
    </message>
    <message>
        <source>How much test accuracy each filter alone is worth (2,000 test digits).</source>
        <translation>필터 하나하나가 테스트 정확도에 얼마나 기여하는지(테스트 숫자 2,000개).</translation>
    </message>
    <message>
        <source>Silenced: {units}.</source>
        <translation>끈 것: {units}.</translation>
    </message>
    <message>
        <source>Measuring the test accuracy on 2,000 digits…</source>
        <translation>숫자 2,000개로 테스트 정확도를 재는 중…</translation>
    </message>
    <message>
        <source>Test accuracy: {a:.1f}% on 2,000 digits.</source>
        <translation>테스트 정확도: 숫자 2,000개에서 {a:.1f}%.</translation>
    </message>
    <message>
        <source> (intact: {a:.1f}%)</source>
        <translation> (온전할 때: {a:.1f}%)</translation>
    </message>
    <message>
        <source>Test accuracy without them: {a:.1f}%{intact} on 2,000 digits.</source>
        <translation>그것들이 없을 때의 테스트 정확도: 숫자 2,000개에서 {a:.1f}%{intact}.</translation>
    </message>
    <message>
        <source>The test accuracy could not be measured: {why}</source>
        <translation>테스트 정확도를 재지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>Could not rank: {why}</source>
        <translation>순위를 매기지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>Silencing {name} alone costs the most: {drop:.1f} points of test accuracy.</source>
        <translation>{name} 하나를 끌 때 가장 많이 잃습니다: 테스트 정확도 {drop:.1f}%p.</translation>
    </message>
    <message>
        <source>The network says {d} ({p:.0f}%).</source>
        <translation>신경망의 답은 {d}입니다({p:.0f}%).</translation>
    </message>
    <message>
        <source>Still {d} ({p:.0f}%); the outlines show the intact network.</source>
        <translation>여전히 {d}입니다({p:.0f}%). 윤곽선은 온전한 신경망을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Now it says {d} ({p:.0f}%) instead of {w}.</source>
        <translation>이제 {w} 대신 {d}(이)라고 답합니다({p:.0f}%).</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <source>Prediction</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Predicted digit</source>
        <translation>예측한 숫자</translation>
    </message>
    <message>
        <source>The digit the network reads in your drawing</source>
        <translation>신경망이 내 그림에서 읽어 낸 숫자</translation>
    </message>
    <message>
        <source>No digit</source>
        <translation>숫자 없음</translation>
    </message>
    <message>
        <source>No digit stands out: the drawing does not look like a digit to the network</source>
        <translation>두드러지는 숫자가 없습니다. 신경망이 보기에 이 그림은 숫자 같지 않습니다</translation>
    </message>
    <message>
        <source>Other possible digit</source>
        <translation>다른 후보 숫자</translation>
    </message>
    <message>
        <source>The digit the network finds almost as likely</source>
        <translation>신경망이 거의 비슷하게 가능성 있다고 보는 숫자</translation>
    </message>
    <message>
        <source>Loading the network…</source>
        <translation>신경망을 불러오는 중…</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>확신도</translation>
    </message>
    <message>
        <source>How sure the network is; it says so when the drawing is ambiguous or not a digit</source>
        <translation>신경망이 얼마나 확신하는지. 그림이 애매하거나 숫자가 아니면 그렇다고 알려 줍니다</translation>
    </message>
    <message>
        <source>What the network sees
(32×32)</source>
        <translation>신경망이 보는 그림
(32×32)</translation>
    </message>
    <message>
        <source>What the network sees caption</source>
        <translation>신경망이 보는 그림 설명</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>숫자를 그려 보세요</translation>
    </message>
    <message>
        <source>Nothing drawn yet</source>
        <translation>아직 그린 것이 없습니다</translation>
    </message>
    <message>
        <source>{digit} — {percent}% sure</source>
        <translation>{digit} — 확신도 {percent}%</translation>
    </message>
    <message>
        <source>Not sure — maybe {digit} ({percent}%) or {second} ({second_percent}%)</source>
        <translation>확실하지 않음 — {digit}({percent}%) 아니면 {second}({second_percent}%)</translation>
    </message>
    <message>
        <source>or {digit}</source>
        <translation>또는 {digit}</translation>
    </message>
    <message>
        <source>Not sure — probably {digit} ({percent}%)</source>
        <translation>확실하지 않음 — 아마도 {digit}({percent}%)</translation>
    </message>
    <message>
        <source>This doesn&apos;t look like a digit: no digit gets more than {percent}%</source>
        <translation>숫자 같지 않습니다. 어떤 숫자도 {percent}%를 넘지 않습니다</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Probabilities</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>The network&apos;s softmax output: how likely it finds each digit</source>
        <translation>신경망의 소프트맥스 출력: 각 숫자일 가능성이 얼마나 되는지</translation>
    </message>
    <message>
        <source>No prediction</source>
        <translation>예측 없음</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <source>{0} steps</source>
        <translation>{0} 스텝</translation>
    </message>
</context>
<context>
    <name>RecipeDialog</name>
    <message>
        <source>Training recipe</source>
        <translation>학습 레시피</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>명령줄</translation>
    </message>
    <message>
        <source>The same run from a terminal</source>
        <translation>터미널에서 같은 학습을 돌리는 명령</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the command line</source>
        <translation>명령줄 복사</translation>
    </message>
    <message>
        <source>Copy the command line to the clipboard</source>
        <translation>명령줄을 클립보드에 복사합니다</translation>
    </message>
    <message>
        <source>&amp;Fast recipe</source>
        <translation>빠른 레시피(&amp;F)</translation>
    </message>
    <message>
        <source>Back to the fast recipe of the Train button</source>
        <translation>학습 버튼의 빠른 레시피로 되돌립니다</translation>
    </message>
    <message>
        <source>The same run from a terminal:</source>
        <translation>터미널에서 같은 학습을 하려면:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>How many passes over the 60,000 training digits</source>
        <translation>학습용 숫자 60,000개를 몇 번 훑을지</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Digits per weight update</source>
        <translation>가중치를 한 번 갱신할 때 쓰는 숫자의 개수</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>The peak learning rate</source>
        <translation>가장 높을 때의 학습률</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + 모멘텀</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>SGD with Nesterov momentum, or Adam (AdamW)</source>
        <translation>네스테로프 모멘텀을 쓰는 SGD, 또는 Adam(AdamW)</translation>
    </message>
    <message>
        <source>One cycle (up, then down)</source>
        <translation>원 사이클 (올랐다가 내려감)</translation>
    </message>
    <message>
        <source>Cosine (down)</source>
        <translation>코사인 (점점 내려감)</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>일정하게</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>스케줄</translation>
    </message>
    <message>
        <source>How the learning rate changes during the run</source>
        <translation>학습하는 동안 학습률이 어떻게 바뀌는지</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>가중치 감쇠</translation>
    </message>
    <message>
        <source>Pulls every weight a little towards 0 each step</source>
        <translation>매 단계마다 모든 가중치를 0 쪽으로 조금씩 당깁니다</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>레이블 스무딩</translation>
    </message>
    <message>
        <source>Part of each target spread over the other nine digits: against overconfidence</source>
        <translation>정답 목표의 일부를 나머지 아홉 숫자에 나눠 줍니다: 지나친 확신을 막습니다</translation>
    </message>
    <message>
        <source>Same seed every run:</source>
        <translation>매번 같은 시드:</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>The same seed repeats a run exactly (on the same device)</source>
        <translation>같은 시드는 (같은 장치에서) 학습을 똑같이 되풀이합니다</translation>
    </message>
    <message>
        <source>Automatic (the GPU if there is one)</source>
        <translation>자동 (GPU가 있으면 GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Where training runs</source>
        <translation>학습을 돌릴 곳</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>에폭(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>배치 크기(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>학습률(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>옵티마이저(&amp;O)</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>스케줄(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Weight decay</source>
        <translation>가중치 감쇠(&amp;W)</translation>
    </message>
    <message>
        <source>Label s&amp;moothing</source>
        <translation>레이블 스무딩(&amp;M)</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>장치(&amp;V)</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <source>Distort the training digits</source>
        <translation>학습용 숫자를 비틀기</translation>
    </message>
    <message>
        <source>Random distortions on every batch</source>
        <translation>배치마다 무작위로 비틉니다</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>회전</translation>
    </message>
    <message>
        <source>The largest rotation either way</source>
        <translation>양쪽으로 가장 크게 돌리는 각도</translation>
    </message>
    <message>
        <source>Smallest size</source>
        <translation>가장 작은 크기</translation>
    </message>
    <message>
        <source>The smallest size factor</source>
        <translation>가장 작은 크기 배율</translation>
    </message>
    <message>
        <source>Largest size</source>
        <translation>가장 큰 크기</translation>
    </message>
    <message>
        <source>The largest size factor</source>
        <translation>가장 큰 크기 배율</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 픽셀</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>The largest shift in each direction, in pixels</source>
        <translation>각 방향으로 가장 크게 옮기는 거리(픽셀)</translation>
    </message>
    <message>
        <source>Slant</source>
        <translation>기울임</translation>
    </message>
    <message>
        <source>The largest slant (tangent of the shear angle)</source>
        <translation>가장 크게 기울이는 정도 (전단 각도의 탄젠트)</translation>
    </message>
    <message>
        <source>Warp</source>
        <translation>뒤틀림</translation>
    </message>
    <message>
        <source>Size of smooth random warps, in pixels (0: none)</source>
        <translation>부드러운 무작위 뒤틀림의 크기(픽셀, 0이면 없음)</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>펜 굵기</translation>
    </message>
    <message>
        <source>The share of digits drawn thicker or thinner</source>
        <translation>더 굵게 또는 더 가늘게 그리는 숫자의 비율</translation>
    </message>
    <message>
        <source>&amp;Rotation</source>
        <translation>회전(&amp;R)</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>크기(&amp;Z)</translation>
    </message>
    <message>
        <source>S&amp;hift</source>
        <translation>이동(&amp;H)</translation>
    </message>
    <message>
        <source>S&amp;lant</source>
        <translation>기울임(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Warp</source>
        <translation>뒤틀림(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Pen width</source>
        <translation>펜 굵기(&amp;P)</translation>
    </message>
    <message>
        <source>What training sees</source>
        <translation>학습이 보는 숫자</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>계산하는 중…</translation>
    </message>
    <message>
        <source>Other digits</source>
        <translation>다른 숫자들</translation>
    </message>
    <message>
        <source>Show sixteen other training digits</source>
        <translation>다른 학습용 숫자 16개를 보여 줍니다</translation>
    </message>
    <message>
        <source>Without a fixed seed every run in the app starts from other random numbers; the command line uses seed 0. Fix a seed to get the same run in both.</source>
        <translation>시드를 고정하지 않으면 앱에서는 학습할 때마다 다른 난수로 시작하고, 명령줄은 시드 0을 씁니다. 둘에서 같은 학습을 하려면 시드를 고정하세요.</translation>
    </message>
    <message>
        <source>MNIST training digits</source>
        <translation>MNIST 학습용 숫자</translation>
    </message>
    <message>
        <source>digits drawn from strokes (MNIST is missing)</source>
        <translation>획으로 그린 숫자 (MNIST가 없음)</translation>
    </message>
    <message>
        <source>{source}, as one batch of this recipe distorts them.</source>
        <translation>{source}: 이 레시피의 한 배치가 비트는 모습입니다.</translation>
    </message>
    <message>
        <source>{source}, undistorted: augmentation is off.</source>
        <translation>{source}: 데이터 증강이 꺼져 있어 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>ResultCharts</name>
    <message>
        <source>true {true} → said {said} ({percent}%)</source>
        <translation>실제 {true} → 답 {said} ({percent}%)</translation>
    </message>
    <message>
        <source>Test digits the network got wrong, surest first. Under each: the true digit → what the network said (how sure it was). Hover for its number in the test set.</source>
        <translation>신경망이 틀린 테스트 숫자입니다. 확신도가 높은 것부터 보여 줍니다. 그림마다 아래: 실제 숫자 → 신경망의 답(확신도). 마우스를 올리면 테스트 세트에서의 번호가 보입니다.</translation>
    </message>
</context>
<context>
    <name>ResultsTabs</name>
    <message>
        <source>Per digit</source>
        <translation>숫자별</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>틀린 숫자</translation>
    </message>
    <message>
        <source>Test accuracy per digit</source>
        <translation>숫자별 테스트 정확도</translation>
    </message>
    <message>
        <source>Which digits are confused with which</source>
        <translation>어떤 숫자가 어떤 숫자와 헷갈리는지</translation>
    </message>
    <message>
        <source>Misclassified test digits</source>
        <translation>잘못 분류한 테스트 숫자</translation>
    </message>
    <message>
        <source>Whose results</source>
        <translation>결과의 출처</translation>
    </message>
    <message>
        <source>Which weights the results tabs show</source>
        <translation>결과 탭이 어떤 가중치의 결과를 보여 주는지</translation>
    </message>
    <message>
        <source>Per-class test accuracy</source>
        <translation>클래스별 테스트 정확도</translation>
    </message>
    <message>
        <source>Test accuracy for each digit after the last epoch</source>
        <translation>마지막 에폭 뒤 숫자별 테스트 정확도</translation>
    </message>
    <message>
        <source>Test accuracy per digit (%)</source>
        <translation>숫자별 테스트 정확도(%)</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <source>Rows: true digit, columns: predicted digit, after the last epoch</source>
        <translation>행: 실제 숫자, 열: 예측한 숫자(마지막 에폭 뒤)</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true, columns: predicted)</source>
        <translation>혼동 행렬(행: 실제, 열: 예측)</translation>
    </message>
    <message>
        <source>The test digits the network got wrong most confidently: true → said</source>
        <translation>신경망이 가장 확신하며 틀린 테스트 숫자: 실제 → 답</translation>
    </message>
    <message>
        <source>Weights in use: {test}%</source>
        <translation>지금 쓰는 가중치: {test}%</translation>
    </message>
    <message>
        <source>The mistakes are shown for the last epoch only: go back to Now.</source>
        <translation>틀린 숫자는 마지막 에폭의 것만 보여 줍니다. 지금으로 돌아가세요.</translation>
    </message>
    <message>
        <source>Epoch {epoch} of this run: {test}%</source>
        <translation>이번 실행의 에폭 {epoch}: {test}%</translation>
    </message>
    <message>
        <source>Test digit #{index}: a {label}, read as {predicted} with {percent}% confidence</source>
        <translation>테스트 숫자 #{index}: {label}인데 확신도 {percent}%로 {predicted}(으)로 읽음</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>1 epoch</source>
        <translation>에폭 1번</translation>
    </message>
    <message>
        <source>%n epochs</source>
        <translation>에폭 %n번</translation>
    </message>
    <message>
        <source>Start fine-tuning</source>
        <translation>미세 조정 시작</translation>
    </message>
    <message>
        <source>Pause or resume fine-tuning</source>
        <translation>미세 조정 일시 정지/계속</translation>
    </message>
    <message>
        <source>Pause fine-tuning between two steps, or resume it</source>
        <translation>미세 조정을 스텝 사이에서 잠시 멈추거나 다시 계속합니다</translation>
    </message>
    <message>
        <source>Stop fine-tuning</source>
        <translation>미세 조정 멈추기</translation>
    </message>
    <message>
        <source>Fine-tuning progress</source>
        <translation>미세 조정 진행률</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>학습 시작</translation>
    </message>
    <message>
        <source>Pause or resume training</source>
        <translation>학습 일시 정지/계속</translation>
    </message>
    <message>
        <source>Pause training between two steps, or resume it</source>
        <translation>학습을 스텝 사이에서 잠시 멈추거나 다시 계속합니다</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>학습 멈추기</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>학습 진행률</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>멈추기(&amp;S)</translation>
    </message>
    <message>
        <source>End the run after the current step</source>
        <translation>지금 스텝을 마치고 실행을 끝냅니다</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>시작 전</translation>
    </message>
    <message>
        <source>How far the whole run is</source>
        <translation>전체 실행의 진행 정도</translation>
    </message>
    <message>
        <source>Available once the network has loaded</source>
        <translation>신경망을 불러온 뒤에 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>계속(&amp;R)</translation>
    </message>
    <message>
        <source>Stopped before it began</source>
        <translation>시작하기 전에 멈췄습니다</translation>
    </message>
    <message>
        <source>Paused — %p%</source>
        <translation>일시 정지 — %p%</translation>
    </message>
</context>
<context>
    <name>RunCoordinator</name>
    <message>
        <source>A run is changing the weights: choose others when it has ended</source>
        <translation>실행 중에 가중치가 바뀌고 있습니다: 실행이 끝난 뒤에 다른 가중치를 고르세요</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>My digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <source>Keep or discard the new weights first (in the {where} panel)</source>
        <translation>먼저 새 가중치를 유지할지 버릴지 정하세요({where} 패널에서)</translation>
    </message>
    <message>
        <source>Fine-tuning is running: train when it has finished</source>
        <translation>미세 조정이 진행 중입니다: 끝난 뒤에 학습하세요</translation>
    </message>
    <message>
        <source>Keep or discard the fine-tuned weights first (in the My digits panel)</source>
        <translation>먼저 미세 조정한 가중치를 유지할지 버릴지 정하세요(내 숫자 패널에서)</translation>
    </message>
    <message>
        <source>Training is running: fine-tune when it has finished</source>
        <translation>학습이 진행 중입니다: 끝난 뒤에 미세 조정하세요</translation>
    </message>
    <message>
        <source>Keep or discard the training run&apos;s new weights first (in the Training panel)</source>
        <translation>먼저 학습으로 얻은 새 가중치를 유지할지 버릴지 정하세요(학습 패널에서)</translation>
    </message>
    <message>
        <source>Keep or discard the stepped weights first (in the Training step panel)</source>
        <translation>먼저 스텝으로 바뀐 가중치를 유지할지 버릴지 정하세요(학습 스텝 패널에서)</translation>
    </message>
    <message>
        <source>epoch {epoch}, step {step}</source>
        <translation>에폭 {epoch}, 스텝 {step}</translation>
    </message>
</context>
<context>
    <name>RunFiles</name>
    <message>
        <source>The run could not be saved</source>
        <translation>실행을 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The run could not be opened</source>
        <translation>실행을 열지 못했습니다</translation>
    </message>
    <message>
        <source>This file is not a saved run of LeNet GUI, or it is damaged.</source>
        <translation>이 파일은 LeNet GUI에서 저장한 실행이 아니거나 손상되었습니다.</translation>
    </message>
</context>
<context>
    <name>Runs</name>
    <message>
        <source>Downloading MNIST (about 12 MB)…</source>
        <translation>MNIST 내려받는 중(약 12 MB)…</translation>
    </message>
    <message>
        <source>Loading MNIST…</source>
        <translation>MNIST를 불러오는 중…</translation>
    </message>
    <message>
        <source>Training on {count} digits…</source>
        <translation>숫자 {count}개로 학습하는 중…</translation>
    </message>
    <message>
        <source>Training on the CPU (1 thread)</source>
        <translation>CPU에서 학습하는 중 (스레드 1개)</translation>
    </message>
    <message>
        <source>Training on the CPU (%n threads)</source>
        <translation>CPU에서 학습하는 중 (스레드 %n개)</translation>
    </message>
    <message>
        <source>Training on the GPU: {name}</source>
        <translation>GPU에서 학습하는 중: {name}</translation>
    </message>
    <message>
        <source>MNIST could not be downloaded: this computer seems to have no internet connection.</source>
        <translation>MNIST를 내려받지 못했습니다: 이 컴퓨터가 인터넷에 연결되어 있지 않은 것 같습니다.</translation>
    </message>
    <message>
        <source>MNIST could not be downloaded: {file} failed.</source>
        <translation>MNIST를 내려받지 못했습니다: {file} 파일에서 실패했습니다.</translation>
    </message>
    <message>
        <source>MNIST is not on this computer: choose the folder that has it, or download it.</source>
        <translation>이 컴퓨터에 MNIST가 없습니다: MNIST가 있는 폴더를 선택하거나 내려받으세요.</translation>
    </message>
</context>
<context>
    <name>SourceChooser</name>
    <message>
        <source>Weights of network {name}</source>
        <translation>신경망 {name}의 가중치</translation>
    </message>
    <message>
        <source>Which weights network {name} uses in this comparison</source>
        <translation>이 비교에서 신경망 {name}이(가) 쓰는 가중치</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>기본 가중치</translation>
    </message>
    <message>
        <source>Random, untrained</source>
        <translation>무작위(학습 전)</translation>
    </message>
    <message>
        <source>Weights in use</source>
        <translation>지금 쓰는 가중치</translation>
    </message>
    <message>
        <source>A fresh network that has learned nothing yet</source>
        <translation>아직 아무것도 배우지 않은 새 신경망</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>다른 파일…</translation>
    </message>
    <message>
        <source>Compare the weights of a .pt file anywhere</source>
        <translation>어디에 있든 .pt 파일의 가중치와 비교합니다</translation>
    </message>
</context>
<context>
    <name>TimeMachine</name>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>epoch {epoch}, step {step}</source>
        <translation>에폭 {epoch}, 스텝 {step}</translation>
    </message>
    <message>
        <source>%n moments, {mb} MB of at most {cap} MB</source>
        <translation>순간 %n개, {mb} MB (최대 {cap} MB)</translation>
    </message>
    <message>
        <source>time machine: {moment}</source>
        <translation>타임머신: {moment}</translation>
    </message>
    <message>
        <source>Scrub to a moment of the run first.</source>
        <translation>먼저 슬라이더로 실행의 한 순간을 고르세요.</translation>
    </message>
</context>
<context>
    <name>TimeMachineBar</name>
    <message>
        <source>Time machine</source>
        <translation>타임머신</translation>
    </message>
    <message>
        <source>Accuracy per digit over the run</source>
        <translation>실행 동안의 숫자별 정확도</translation>
    </message>
    <message>
        <source>Each digit&apos;s accuracy on 1,000 test digits at every moment of the run (bright: right). A row that turns bright shows when the network learned that digit. Click to go there.</source>
        <translation>실행의 순간마다 테스트 숫자 1,000개에서 잰 숫자별 정확도입니다(밝을수록 정답). 어떤 줄이 밝아지는 곳이 신경망이 그 숫자를 배운 순간입니다. 클릭하면 그 순간으로 갑니다.</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Play the run</source>
        <translation>실행 재생</translation>
    </message>
    <message>
        <source>Play the run from the moment shown, or the start</source>
        <translation>보이는 순간부터(또는 처음부터) 실행을 재생합니다</translation>
    </message>
    <message>
        <source>Moment of the run</source>
        <translation>실행의 순간</translation>
    </message>
    <message>
        <source>Drag to see the network as it was at that moment of the run; the far right is now</source>
        <translation>끌어서 실행의 그 순간에 신경망이 어땠는지 봅니다. 맨 오른쪽은 지금입니다</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>지금</translation>
    </message>
    <message>
        <source>Back to now</source>
        <translation>지금으로 돌아가기</translation>
    </message>
    <message>
        <source>Show the weights in use again</source>
        <translation>사용 중인 가중치를 다시 보여 줍니다</translation>
    </message>
    <message>
        <source>Use these weights</source>
        <translation>이 가중치 사용</translation>
    </message>
    <message>
        <source>Use the weights of the moment shown; then keep or discard them as after a run</source>
        <translation>보이는 순간의 가중치를 사용합니다. 그다음 실행이 끝났을 때처럼 유지하거나 버리세요</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>Compare with the weights in use</source>
        <translation>사용 중인 가중치와 비교</translation>
    </message>
    <message>
        <source>Open the moment shown beside the weights in use: both answers, filters and maps, and the digits they read differently</source>
        <translation>보이는 순간을 사용 중인 가중치 옆에 엽니다: 두 신경망의 답, 필터와 특징 맵, 서로 다르게 읽는 숫자</translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation>실행 저장…</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>실행 저장</translation>
    </message>
    <message>
        <source>Save the run with all its moments in one file</source>
        <translation>실행을 모든 순간과 함께 파일 하나에 저장합니다</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>실행 열기…</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>실행 열기</translation>
    </message>
    <message>
        <source>Open a saved run to play it back</source>
        <translation>저장한 실행을 열어 다시 재생합니다</translation>
    </message>
    <message>
        <source>Saved the run to {path}</source>
        <translation>실행을 {path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Moment: {moment}</source>
        <translation>순간: {moment}</translation>
    </message>
    <message>
        <source>Save the run</source>
        <translation>실행 저장</translation>
    </message>
    <message>
        <source>Open a saved run</source>
        <translation>저장한 실행 열기</translation>
    </message>
    <message>
        <source>LeNet GUI runs (*{suffix})</source>
        <translation>LeNet GUI 실행 (*{suffix})</translation>
    </message>
    <message>
        <source>No epoch had ended yet at this moment: scrub further to see the test results.</source>
        <translation>이 순간에는 아직 끝난 에폭이 없습니다. 더 뒤로 옮기면 테스트 결과가 보입니다.</translation>
    </message>
    <message>
        <source>Time machine, epoch {epoch}: {test}%</source>
        <translation>타임머신, 에폭 {epoch}: {test}%</translation>
    </message>
    <message>
        <source>Scrub the run to see its test results at each epoch end.</source>
        <translation>슬라이더를 옮기면 각 에폭이 끝날 때의 테스트 결과가 보입니다.</translation>
    </message>
    <message>
        <source>Time machine: train, then drag this slider to see the network at any moment of the run (up to {count} moments, about {mb} MB).</source>
        <translation>타임머신: 학습시킨 다음 이 슬라이더를 끌면 실행의 어느 순간이든 그때의 신경망을 볼 수 있습니다(순간은 최대 {count}개, 약 {mb} MB).</translation>
    </message>
    <message>
        <source>Recording the run: {memory}</source>
        <translation>실행 기록 중: {memory}</translation>
    </message>
    <message>
        <source>Now: the weights in use · {memory}</source>
        <translation>지금: 사용 중인 가중치 · {memory}</translation>
    </message>
    <message>
        <source>end of epoch {epoch}: {test}% on the test digits</source>
        <translation>에폭 {epoch} 끝: 테스트 숫자에서 {test}%</translation>
    </message>
    <message>
        <source>moment {index} of {count}</source>
        <translation>순간 {index}/{count}</translation>
    </message>
    <message>
        <source>Fine-tuning: {text}</source>
        <translation>미세 조정: {text}</translation>
    </message>
    <message>
        <source>Training steps: {text}</source>
        <translation>학습 스텝: {text}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Use the weights of the moment shown; then keep or discard them</source>
        <translation>보이는 순간의 가중치를 사용합니다. 그다음 유지하거나 버리세요</translation>
    </message>
</context>
<context>
    <name>TipWriter</name>
    <message>
        <source>A {0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>{0}에 저장함</translation>
    </message>
    <message>
        <source>drawn here (strokes kept)</source>
        <translation>여기서 그림(획 보존)</translation>
    </message>
    <message>
        <source>a picture</source>
        <translation>그림 파일</translation>
    </message>
    <message>
        <source>{day} {month} {year} {hour}:{minute}</source>
        <translation>{year}년 {month} {day}일 {hour}:{minute}</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1월</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2월</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3월</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4월</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5월</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6월</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7월</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8월</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9월</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10월</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11월</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12월</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Go back to the weights shipped with the app</source>
        <translation>앱에 들어 있는 가중치로 되돌아갑니다</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Train, and after each epoch this shows how the network does on the 10,000 test digits.</source>
        <translation>학습시키면 에폭이 끝날 때마다 신경망이 테스트 숫자 10,000개를 얼마나 잘 읽는지 여기에 보여 줍니다.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Train the network on MNIST with these settings</source>
        <translation>이 설정으로 MNIST에서 신경망을 학습시킵니다</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reset to bundled</source>
        <translation>기본 가중치로 되돌리기(&amp;R)</translation>
    </message>
    <message>
        <source>Reset to bundled weights</source>
        <translation>기본 가중치로 되돌리기</translation>
    </message>
    <message>
        <source>Speed and time left</source>
        <translation>속도와 남은 시간</translation>
    </message>
    <message>
        <source>Images per second and estimated time remaining</source>
        <translation>초당 이미지 수와 예상 남은 시간</translation>
    </message>
    <message>
        <source>Last test accuracy</source>
        <translation>마지막 테스트 정확도</translation>
    </message>
    <message>
        <source>Accuracy on the 10,000 MNIST test digits after each epoch</source>
        <translation>에폭마다 측정한, MNIST 테스트 숫자 10,000개에 대한 정확도</translation>
    </message>
    <message>
        <source>Training message</source>
        <translation>학습 메시지</translation>
    </message>
    <message>
        <source>What went wrong or what to do next</source>
        <translation>무엇이 잘못되었는지, 또는 다음에 할 일</translation>
    </message>
    <message>
        <source>Training charts</source>
        <translation>학습 차트</translation>
    </message>
    <message>
        <source>Loss and accuracy curves</source>
        <translation>손실과 정확도 곡선</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실(Loss)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>Accuracy %</source>
        <translation>정확도 %</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>곡선</translation>
    </message>
    <message>
        <source>Loss and accuracy while training</source>
        <translation>학습하는 동안의 손실과 정확도</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Loading MNIST…</source>
        <translation>MNIST를 불러오는 중…</translation>
    </message>
    <message>
        <source>This run&apos;s results on the test digits appear here after its first epoch.</source>
        <translation>이번 실행의 테스트 숫자 결과는 첫 에폭이 끝나면 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Stopped after {duration}.</source>
        <translation>{duration} 만에 멈췄습니다.</translation>
    </message>
    <message>
        <source>Stopped {percent}% into epoch {epoch} of {epochs}, after {duration}.</source>
        <translation>에폭 {epochs}번 중 {epoch}번째의 {percent}% 지점에서 멈췄습니다({duration} 경과).</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}</source>
        <translation>에폭 {epoch}/{epochs}</translation>
    </message>
    <message>
        <source>Ended at step {step}/{steps} · loss {loss} · lr {rate}</source>
        <translation>끝남 — 스텝 {step}/{steps} · 손실 {loss} · 학습률 {rate}</translation>
    </message>
    <message>
        <source>Paused at step {step}/{steps} · loss {loss} · lr {rate}</source>
        <translation>일시 정지 — 스텝 {step}/{steps} · 손실 {loss} · 학습률 {rate}</translation>
    </message>
    <message>
        <source>step {step}/{steps} · {speed} images/s · ETA {eta} · loss {loss} · lr {rate}</source>
        <translation>스텝 {step}/{steps} · 초당 이미지 {speed}개 · 남은 시간 {eta} · 손실 {loss} · 학습률 {rate}</translation>
    </message>
    <message>
        <source>Epoch {epoch}: train accuracy {train}%</source>
        <translation>에폭 {epoch}: 학습 정확도 {train}%</translation>
    </message>
    <message>
        <source>Epoch {epoch}: test accuracy {test}% (train {train}%, {seconds} s)</source>
        <translation>에폭 {epoch}: 테스트 정확도 {test}% (학습 {train}%, {seconds}초)</translation>
    </message>
    <message>
        <source>The weights from {moment} of the run.</source>
        <translation>실행의 {moment} 시점 가중치입니다.</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>학습에 실패했습니다: {message}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Stopped before training began: the weights did not change.</source>
        <translation>학습이 시작되기 전에 멈췄습니다: 가중치는 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>No training data</source>
        <translation>학습 데이터 없음</translation>
    </message>
    <message>
        <source>MNIST found in {folder}: press Train to start.</source>
        <translation>{folder}에서 MNIST를 찾았습니다: 학습을 눌러 시작하세요.</translation>
    </message>
    <message>
        <source>Finished {epochs} in {duration}.</source>
        <translation>{epochs}의 학습을 {duration} 만에 마쳤습니다.</translation>
    </message>
    <message>
        <source>Stopped — %p%</source>
        <translation>멈춤 — %p%</translation>
    </message>
    <message>
        <source>Training loss; training accuracy as a moving average of the last few thousand training digits (it carries on across epochs); test accuracy at the end of each epoch</source>
        <translation>학습 손실, 최근 학습 숫자 몇천 개에 대한 학습 정확도의 이동 평균(에폭이 바뀌어도 이어집니다), 에폭이 끝날 때마다 측정한 테스트 정확도</translation>
    </message>
    <message>
        <source>train (moving average)</source>
        <translation>학습(이동 평균)</translation>
    </message>
    <message>
        <source>test (end of each epoch)</source>
        <translation>테스트(에폭마다)</translation>
    </message>
    <message>
        <source>Finished — %p%</source>
        <translation>완료 — %p%</translation>
    </message>
    <message>
        <source>Keep the new weights? They are in use now; Discard goes back to the previous ones.</source>
        <translation>새 가중치를 유지할까요? 지금 쓰이고 있습니다. 버리기를 누르면 이전 가중치로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>TrainingSettingsBox</name>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + 모멘텀</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>How many passes over the 60,000 training digits</source>
        <translation>학습용 숫자 60,000개를 몇 번 훑을지</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Digits per weight update</source>
        <translation>가중치를 한 번 갱신할 때 쓰는 숫자의 개수</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Peak learning rate of the one-cycle schedule</source>
        <translation>원사이클(one-cycle) 스케줄의 최대 학습률</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>SGD with Nesterov momentum, or Adam (AdamW)</source>
        <translation>네스테로프 모멘텀을 쓰는 SGD, 또는 Adam(AdamW)</translation>
    </message>
    <message>
        <source>Augment (distort digits)</source>
        <translation>데이터 증강(숫자 변형)</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <source>Random distortions that make MNIST look more like drawn digits</source>
        <translation>MNIST를 손으로 그린 숫자처럼 보이게 하는 무작위 변형</translation>
    </message>
    <message>
        <source>Current weights</source>
        <translation>현재 가중치</translation>
    </message>
    <message>
        <source>Scratch (random weights)</source>
        <translation>처음부터(무작위 가중치)</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>시작점</translation>
    </message>
    <message>
        <source>Continue from the weights in use, or start from random weights</source>
        <translation>지금 쓰는 가중치에서 이어서 하거나, 무작위 가중치에서 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>에폭(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>배치 크기(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>학습률(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>옵티마이저(&amp;O)</translation>
    </message>
    <message>
        <source>Recipe…</source>
        <translation>레시피…</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>레시피</translation>
    </message>
    <message>
        <source>The whole recipe, a preview of the augmentation, and the same run as a command line</source>
        <translation>레시피 전체, 데이터 증강 미리 보기, 같은 학습을 하는 명령줄</translation>
    </message>
    <message>
        <source>Start &amp;from</source>
        <translation>시작점(&amp;F)</translation>
    </message>
</context>
<context>
    <name>TrainingStepView</name>
    <message>
        <source>zero_grad set every .grad to None (PyTorch 2&apos;s default), so conv1.bias.grad is empty before backward; as numbers, that is six zeros:</source>
        <translation>zero_grad가 모든 .grad를 None으로 만들었으므로(PyTorch 2의 기본 동작) backward 전의 conv1.bias.grad는 비어 있습니다. 숫자로 쓰면 0이 여섯 개입니다:</translation>
    </message>
    <message>
        <source>conv1.bias.grad after zero_grad, before backward: six zeros.</source>
        <translation>zero_grad 뒤, backward 전의 conv1.bias.grad: 0 여섯 개.</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>The network&apos;s ten outputs for your drawing, and their softmax. The Network view shows every stage.</source>
        <translation>내 그림에 대한 신경망의 출력 10개와 그 소프트맥스. 신경망 보기에서 모든 단계를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>평균 제곱 오차</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <source>Loss ({name}), averaged over {n} images: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>손실({name}), 이미지 {n}개의 평균: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Target for your drawing (one-hot for {0}):</source>
        <translation>내 그림의 목표({0}의 원-핫):</translation>
    </message>
    <message>
        <source>Target: the label {0}; the loss is −log of its probability.</source>
        <translation>목표: 레이블 {0}. 손실은 그 확률의 −log입니다.</translation>
    </message>
    <message>
        <source>The graph autograd recorded, from the loss back to the first convolution (grad_fn names):</source>
        <translation>autograd가 기록한 그래프, 손실에서 첫 합성곱까지 거슬러 올라감(grad_fn 이름):</translation>
    </message>
    <message>
        <source>The tutorial&apos;s walk along next_functions[0][0] stops at fc3&apos;s bias: {0}</source>
        <translation>튜토리얼처럼 next_functions[0][0]을 따라가면 fc3의 편향에서 멈춥니다: {0}</translation>
    </message>
    <message>
        <source>conv1.bias.grad after backward (it was zeros before):</source>
        <translation>backward 뒤의 conv1.bias.grad(전에는 0이었음):</translation>
    </message>
    <message>
        <source>Gradient norm of each tensor (how steeply the loss rises along it):</source>
        <translation>각 텐서의 변화도 노름(그 방향으로 손실이 얼마나 가파르게 오르는지):</translation>
    </message>
    <message>
        <source>conv1.weight.grad</source>
        <translation>conv1.weight.grad</translation>
    </message>
    <message>
        <source>conv2.weight.grad (6 input slices each)</source>
        <translation>conv2.weight.grad(각각 입력 조각 6개)</translation>
    </message>
    <message>
        <source>weight = weight − learning_rate × gradient, with learning_rate = {0}</source>
        <translation>weight = weight − learning_rate × gradient, learning_rate = {0}</translation>
    </message>
    <message>
        <source>before</source>
        <translation>전</translation>
    </message>
    <message>
        <source>after</source>
        <translation>후</translation>
    </message>
    <message>
        <source>change (points)</source>
        <translation>변화량(%p)</translation>
    </message>
    <message>
        <source>Your drawing&apos;s probabilities before and after this step:</source>
        <translation>이 스텝 전후의 내 그림의 확률:</translation>
    </message>
    <message>
        <source>Largest change of any weight in each tensor (= learning_rate × its largest gradient):</source>
        <translation>각 텐서에서 가장 크게 바뀐 가중치(= learning_rate × 가장 큰 변화도):</translation>
    </message>
    <message>
        <source>conv1.weight before</source>
        <translation>바뀌기 전 conv1.weight</translation>
    </message>
    <message>
        <source>change (own scale)</source>
        <translation>변화량(각자의 눈금)</translation>
    </message>
    <message>
        <source>Loading PyTorch for the first step (a few seconds, once)…</source>
        <translation>첫 단계에 필요한 PyTorch를 불러오는 중… (처음 한 번, 몇 초 걸립니다)</translation>
    </message>
    <message>
        <source>With 63 MNIST training digits</source>
        <translation>MNIST 학습용 숫자 63개와 함께</translation>
    </message>
    <message>
        <source>A batch of 64 as in training: your drawing and 63 digits from MNIST</source>
        <translation>학습 때처럼 64개짜리 배치: 내 그림과 MNIST 숫자 63개</translation>
    </message>
    <message>
        <source>Cross-entropy (the app&apos;s)</source>
        <translation>교차 엔트로피(앱의 방식)</translation>
    </message>
    <message>
        <source>Mean squared error (the tutorial&apos;s)</source>
        <translation>평균 제곱 오차(튜토리얼의 방식)</translation>
    </message>
    <message>
        <source>Whole step</source>
        <translation>스텝 전체</translation>
    </message>
    <message>
        <source>{0} steps</source>
        <translation>{0} 스텝</translation>
    </message>
    <message>
        <source>Undo step</source>
        <translation>스텝 되돌리기</translation>
    </message>
    <message>
        <source>Undo all</source>
        <translation>모두 되돌리기</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>Make the stepped weights the app&apos;s weights and save them</source>
        <translation>스텝을 밟은 가중치를 앱의 가중치로 삼고 저장합니다</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Go back to the weights from before the first step</source>
        <translation>첫 스텝 전의 가중치로 되돌아갑니다</translation>
    </message>
    <message>
        <source>Take steps to see your label&apos;s probability change.</source>
        <translation>스텝을 밟으면 내 레이블의 확률이 바뀌는 모습을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실(Loss)</translation>
    </message>
    <message>
        <source>The digit each step teaches the network to read</source>
        <translation>스텝마다 신경망에게 읽도록 가르치는 숫자</translation>
    </message>
    <message>
        <source>How far each weight moves against its gradient</source>
        <translation>각 가중치가 변화도의 반대 방향으로 얼마나 움직이는지</translation>
    </message>
    <message>
        <source>What the step lowers: cross-entropy or mean squared error</source>
        <translation>스텝이 낮추는 것: 교차 엔트로피 또는 평균 제곱 오차</translation>
    </message>
    <message>
        <source>Next phase</source>
        <translation>다음 단계</translation>
    </message>
    <message>
        <source>Run the next phase of the step and show its code</source>
        <translation>스텝의 다음 단계를 실행하고 그 코드를 보여 줍니다</translation>
    </message>
    <message>
        <source>Run all five phases of one step</source>
        <translation>스텝 하나의 다섯 단계를 모두 실행합니다</translation>
    </message>
    <message>
        <source>Ten steps</source>
        <translation>10 스텝</translation>
    </message>
    <message>
        <source>Ten whole steps on the same batch (Stop ends them)</source>
        <translation>같은 배치로 스텝 전체를 10번 실행합니다(멈추기로 끝냅니다)</translation>
    </message>
    <message>
        <source>Go back one step</source>
        <translation>한 스텝 되돌아갑니다</translation>
    </message>
    <message>
        <source>Go back to the weights before the first step</source>
        <translation>첫 스텝 전의 가중치로 되돌아갑니다</translation>
    </message>
    <message>
        <source>You chose {0}: each step nudges the weights towards reading your drawing as {0}.</source>
        <translation>{0}을(를) 골랐습니다: 스텝마다 가중치가 내 그림을 {0}(으)로 읽는 쪽으로 조금씩 움직입니다.</translation>
    </message>
    <message>
        <source>{0}, the digit the network reads in your drawing. Choose another to teach it that.</source>
        <translation>{0}: 신경망이 내 그림에서 읽은 숫자입니다. 다른 숫자를 고르면 그 숫자를 가르칩니다.</translation>
    </message>
    <message>
        <source>The digit the network reads in your drawing, once you draw one.</source>
        <translation>숫자를 그리면, 신경망이 그 그림에서 읽은 숫자.</translation>
    </message>
    <message>
        <source>MSE pulls all ten raw outputs towards 0 and 1, while these weights were trained with cross-entropy and give outputs far from that, so the first MSE steps can even lower your label&apos;s probability.</source>
        <translation>MSE는 가공하지 않은 출력 10개를 모두 0과 1 쪽으로 끌어당깁니다. 그런데 이 가중치는 교차 엔트로피로 학습되어 출력이 그와 거리가 멀기 때문에, 처음 몇 번의 MSE 스텝은 오히려 내 레이블의 확률을 낮출 수도 있습니다.</translation>
    </message>
    <message>
        <source>Cross-entropy raises your label&apos;s probability directly.</source>
        <translation>교차 엔트로피는 내 레이블의 확률을 곧바로 높입니다.</translation>
    </message>
    <message>
        <source>The network is still loading.</source>
        <translation>신경망을 아직 불러오는 중입니다.</translation>
    </message>
    <message>
        <source>Draw a digit first: a step learns from your drawing.</source>
        <translation>먼저 숫자를 그리세요: 스텝은 내 그림에서 배웁니다.</translation>
    </message>
    <message>
        <source>Kept: the {0} steps&apos; weights are now the app&apos;s.</source>
        <translation>유지함: {0} 스텝을 밟은 가중치가 이제 앱의 가중치입니다.</translation>
    </message>
    <message>
        <source>Discarded: the app&apos;s weights are as they were before the first step.</source>
        <translation>버림: 앱의 가중치는 첫 스텝 전 그대로입니다.</translation>
    </message>
    <message>
        <source>Step {0}: loss {1} before it.</source>
        <translation>스텝 {0}: 그 전의 손실 {1}.</translation>
    </message>
    <message>
        <source>{0} training steps taken, not kept yet</source>
        <translation>학습 스텝 {0}번을 밟았고, 아직 유지하지 않음</translation>
    </message>
    <message>
        <source>Undid {0} steps.</source>
        <translation>{0} 스텝을 되돌렸습니다.</translation>
    </message>
    <message>
        <source>MNIST is not there ({0}): the step uses your drawing alone.</source>
        <translation>MNIST가 없습니다({0}): 스텝에 내 그림만 씁니다.</translation>
    </message>
    <message>
        <source>The batch: your drawing and {0} MNIST digits.</source>
        <translation>배치: 내 그림과 MNIST 숫자 {0}개.</translation>
    </message>
    <message>
        <source>The batch: your drawing alone.</source>
        <translation>배치: 내 그림 하나뿐.</translation>
    </message>
    <message>
        <source>A whole step runs all five phases; Next shows each one&apos;s code.</source>
        <translation>스텝 전체는 다섯 단계를 모두 실행합니다. 다음을 누르면 단계마다 코드를 보여 줍니다.</translation>
    </message>
    <message>
        <source>{name}: the app&apos;s code that just ran ({file}, line {line})</source>
        <translation>{name}: 방금 실행된 앱의 코드({file}, {line}번째 줄)</translation>
    </message>
    <message>
        <source>Next runs the step&apos;s first phase, zero_grad, and shows its code here.</source>
        <translation>다음을 누르면 스텝의 첫 단계인 zero_grad를 실행하고 그 코드를 여기에 보여 줍니다.</translation>
    </message>
    <message>
        <source>One training step, as the tutorial takes it: clear the old gradients, run the network forward, measure the loss, let autograd compute every gradient, and move each weight a little against its gradient. Next shows the phases one at a time; Whole step and 10 steps run them all.</source>
        <translation>튜토리얼대로 밟는 학습 스텝 하나: 이전 변화도를 지우고, 신경망을 순전파하고, 손실을 재고, autograd가 모든 변화도를 계산하게 한 뒤, 각 가중치를 변화도의 반대 방향으로 조금 옮깁니다. 다음은 단계를 하나씩 보여 주고, 스텝 전체와 10 스텝은 모든 단계를 실행합니다.</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>다음: {0}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <source>{0} steps taken. Predictions use the new weights until you keep or discard them.</source>
        <translation>{0} 스텝을 밟았습니다. 유지하거나 버릴 때까지 예측에는 새 가중치를 씁니다.</translation>
    </message>
    <message>
        <source>No steps taken yet: the weights are the app&apos;s.</source>
        <translation>아직 밟은 스텝이 없습니다: 가중치는 앱의 것 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>TutorialDocks</name>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>The whole network at once, following your drawing</source>
        <translation>내 그림을 따라가며 보는 신경망 전체</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>학습 스텝</translation>
    </message>
    <message>
        <source>One training step taken apart, phase by phase</source>
        <translation>단계별로 뜯어 본 학습 스텝 하나</translation>
    </message>
    <message>
        <source>A run is changing the weights: take steps when it has ended.</source>
        <translation>실행 중에 가중치가 바뀌고 있습니다: 끝난 뒤에 스텝을 밟으세요.</translation>
    </message>
    <message>
        <source>Keep or discard the run&apos;s new weights first.</source>
        <translation>먼저 실행으로 얻은 새 가중치를 유지할지 버릴지 정하세요.</translation>
    </message>
    <message>
        <source>The stepped weights are kept and saved in your weights folder.</source>
        <translation>스텝을 밟은 가중치를 유지하고 내 가중치 폴더에 저장했습니다.</translation>
    </message>
    <message>
        <source>The stepped weights are discarded.</source>
        <translation>스텝을 밟은 가중치를 버렸습니다.</translation>
    </message>
</context>
<context>
    <name>WeightsChooser</name>
    <message>
        <source>Bundled</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Last trained</source>
        <translation>최근 학습</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Last fine-tuned</source>
        <translation>최근 미세 조정</translation>
    </message>
    <message>
        <source>Fine-tuned</source>
        <translation>미세 조정</translation>
    </message>
    <message>
        <source>Which weights the network uses: bundled, trained or fine-tuned ones from your weights folder</source>
        <translation>신경망이 쓰는 가중치: 기본 가중치, 또는 내 가중치 폴더의 학습하거나 미세 조정한 가중치</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>The weights shipped with the app</source>
        <translation>앱에 들어 있는 가중치</translation>
    </message>
    <message>
        <source>Not saved (live or random)</source>
        <translation>저장 안 됨(실시간 또는 무작위)</translation>
    </message>
    <message>
        <source>Weights that are not in a file: a run not yet kept, or untrained ones</source>
        <translation>파일에 없는 가중치: 아직 유지하지 않은 실행의 가중치, 또는 학습하지 않은 가중치</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>다른 파일…</translation>
    </message>
    <message>
        <source>Load weights from a file anywhere (Ctrl+L)</source>
        <translation>아무 위치의 파일에서 가중치를 불러옵니다(Ctrl+L)</translation>
    </message>
</context>
<context>
    <name>WeightsResults</name>
    <message>
        <source>Checking the weights in use on the MNIST test digits…</source>
        <translation>지금 쓰는 가중치를 MNIST 테스트 숫자로 확인하는 중…</translation>
    </message>
    <message>
        <source>No MNIST test digits to check the weights on. Put MNIST in {folder} (Train offers to download it), or train: each epoch fills these tabs.</source>
        <translation>가중치를 확인할 MNIST 테스트 숫자가 없습니다. MNIST를 {folder}에 두거나(학습을 누르면 내려받기를 제안합니다) 학습시키세요. 에폭마다 이 탭들이 채워집니다.</translation>
    </message>
    <message>
        <source>The weights in use could not be checked on the test digits: {why}</source>
        <translation>지금 쓰는 가중치를 테스트 숫자로 확인하지 못했습니다: {why}</translation>
    </message>
</context>
<context>
    <name>WeightsStatus</name>
    <message>
        <source>Loading the network…</source>
        <translation>신경망을 불러오는 중…</translation>
    </message>
    <message>
        <source>Weights in use</source>
        <translation>사용 중인 가중치</translation>
    </message>
    <message>
        <source>Which weights the network is using</source>
        <translation>신경망이 지금 쓰고 있는 가중치</translation>
    </message>
    <message>
        <source>Available once the network has loaded</source>
        <translation>신경망을 불러온 뒤에 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>Untrained random weights</source>
        <translation>학습하지 않은 무작위 가중치</translation>
    </message>
    <message>
        <source>Training: the network is changing live (from scratch)</source>
        <translation>학습 중(처음부터): 신경망이 실시간으로 바뀌고 있습니다</translation>
    </message>
    <message>
        <source>Training: the network is changing live</source>
        <translation>학습 중: 신경망이 실시간으로 바뀌고 있습니다</translation>
    </message>
    <message>
        <source>Loading MNIST: the weights in use do not change yet</source>
        <translation>MNIST 불러오는 중: 사용 중인 가중치는 아직 바뀌지 않습니다</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>학습이 멈췄습니다</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>학습이 끝났습니다</translation>
    </message>
    <message>
        <source>New weights from training: keep or discard them in the Training panel</source>
        <translation>학습으로 얻은 새 가중치: 학습 패널에서 유지하거나 버리세요</translation>
    </message>
    <message>
        <source>Fine-tuning stopped</source>
        <translation>미세 조정이 멈췄습니다</translation>
    </message>
    <message>
        <source>Fine-tuning finished</source>
        <translation>미세 조정이 끝났습니다</translation>
    </message>
    <message>
        <source>New weights from fine-tuning: keep or discard them in the My digits panel</source>
        <translation>미세 조정으로 얻은 새 가중치: 내 숫자 패널에서 유지하거나 버리세요</translation>
    </message>
    <message>
        <source>MNIST is missing — see the panel</source>
        <translation>MNIST가 없습니다 — 패널을 보세요</translation>
    </message>
    <message>
        <source>Fine-tuning on your digits: the network is changing live</source>
        <translation>내 숫자로 미세 조정 중: 신경망이 실시간으로 바뀌고 있습니다</translation>
    </message>
</context>
<context>
    <name>_AddStroke</name>
    <message>
        <source>eraser stroke</source>
        <translation>지우개 획</translation>
    </message>
    <message>
        <source>stroke</source>
        <translation>획</translation>
    </message>
</context>
<context>
    <name>_Session</name>
    <message>
        <source>no data folder is set up</source>
        <translation>데이터 폴더가 설정되지 않았습니다</translation>
    </message>
</context>
</TS>
